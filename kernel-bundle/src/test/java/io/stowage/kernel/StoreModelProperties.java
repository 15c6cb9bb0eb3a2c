package io.stowage.kernel;

import java.util.List;

import io.stowage.tck.StoreModelCheck;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Stateful property: any sequence of operations leaves the store agreeing with a TreeMap model. */
class StoreModelProperties {

    record Step(int choice, int key, int other, int value) {
    }

    @Property(tries = 200)
    void storeBehavesLikeAnOrderedMap(@ForAll("steps") List<Step> steps) {
        try (KernelHarness harness = new KernelHarness()) {
            StoreModelCheck check = new StoreModelCheck(harness.namespace("prop").store("s"));
            for (Step step : steps) {
                check.step(step.choice(), step.key(), step.other(), step.value());
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 50);
        return Combinators.combine(small, small, small, small).as(Step::new).list().ofMaxSize(60);
    }
}
