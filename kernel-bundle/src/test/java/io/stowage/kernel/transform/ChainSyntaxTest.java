package io.stowage.kernel.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChainSyntaxTest {

    @Test
    void parsesBareAndParameterisedSteps() {
        List<TransformChain.StepSpec> steps =
                ChainSyntax.parse("r", " zstd(level=3) ,aes-gcm( key = main , aad=x),lz4 ");
        assertEquals(List.of(new TransformChain.StepSpec("zstd", Map.of("level", "3")),
                new TransformChain.StepSpec("aes-gcm", Map.of("key", "main", "aad", "x")),
                new TransformChain.StepSpec("lz4", Map.of())), steps);
    }

    @Test
    void errorsNameTheRouteAndThePosition() {
        assertError("zstd(level=3", "store route io.stowage.store~a: transforms 'zstd(level=3' at position 13: "
                + "expected ',' or ')' in the parameters of zstd");
        assertError("zstd level", "at position 6: expected ',' or the end, found 'l'");
        assertError("Zstd", "at position 1: transform type 'Zstd' is not 1 to 32");
        assertError("zstd,", "at position 6: expected a transform type");
        assertError("zstd(level)", "at position 11: expected '=' after parameter 'level' of zstd");
        assertError("zstd(level=)", "at position 12: parameter 'level' of zstd has no value");
        assertError("zstd(a=1, a=2)", "at position 11: parameter 'a' of zstd is given twice");
        assertError("", "at position 1: expected a transform type");
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainSyntax.parse("io.stowage.store~a", text));
        if (!e.getMessage().contains(expected)) {
            throw new AssertionError("'" + e.getMessage() + "' does not contain '" + expected + "'");
        }
    }
}
