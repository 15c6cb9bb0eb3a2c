package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.admin.RestoreMode;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.transform.ReverseTransform;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformVersion;

/** Dumps hold decoded values, so they stay portable; a restore writes them through the target store's chain. */
class TransformedBackupTest {

    private static final byte[] VALUE = "a value long enough to be transformed".getBytes(UTF_8);

    @TempDir
    Path folder;

    @Test
    void aBackupDumpsDecodedValuesAndARestoreEncodesWithTheTargetsChain() throws IOException {
        Path dump = folder.resolve("dump");
        try (KernelHarness source = new KernelHarness(); KernelHarness target = new KernelHarness()) {
            source.kernel.transforms().add(new ReverseTransform("rev", 1), TransformVersion.parse("1.0.0"));
            source.kernel.updateRules(List.of(new RouteRule("app", "s", "default",
                    TransformChain.parse("test", "rev", 0))));
            source.namespace("app").store("s").put("k", VALUE);
            new StoreBackups(source.kernel).backup(dump, "app/s");
            List<byte[]> dumped = new ArrayList<>();
            StoreDump.read(dump, entry -> dumped.add(entry.value()));
            assertEquals(1, dumped.size());
            assertArrayEquals(VALUE, dumped.get(0));

            target.kernel.transforms().add(new ReverseTransform("other", 1), TransformVersion.parse("1.0.0"));
            target.kernel.updateRules(List.of(new RouteRule("app", "s", "default",
                    TransformChain.parse("test", "other", 0))));
            new StoreBackups(target.kernel).restore(dump, RestoreMode.REFUSE);
            assertArrayEquals(VALUE, target.namespace("app").store("s").get("k"));
            List<String> chains = new ArrayList<>();
            target.kernel.open("app", "s", null).forEachLive(true, (key, keyBytes, envelope) ->
                    chains.add(new String(envelope, 1, 7, UTF_8)));
            assertEquals(List.of("\u0001\u0005other"), chains);
        }
    }
}
