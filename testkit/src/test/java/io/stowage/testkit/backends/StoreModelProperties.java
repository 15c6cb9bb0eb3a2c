package io.stowage.testkit.backends;

import java.util.List;

import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreModelCheck;
import io.stowage.testlog.Loggers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Stateful property: any sequence of operations leaves a store on the memory backend agreeing with a TreeMap model. */
class StoreModelProperties {

    record Step(int choice, int key, int other, int value) {
    }

    @Property(tries = 200)
    void storeBehavesLikeAnOrderedMap(@ForAll("steps") List<Step> steps) {
        MemoryBackend backend = MemoryBackend.outsideFramework("prop", 10_000_000L, Loggers.silent());
        try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend, new ManualClock())) {
            StoreModelCheck check = new StoreModelCheck(kernel.namespace("prop").store("s"));
            for (Step step : steps) {
                check.step(step.choice(), step.key(), step.other(), step.value());
            }
        } finally {
            backend.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 50);
        return Combinators.combine(small, small, small, small).as(Step::new).list().ofMaxSize(60);
    }
}
