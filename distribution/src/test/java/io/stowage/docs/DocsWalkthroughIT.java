package io.stowage.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and the operator's guide run as written: every command block, in document order, against a fresh copy
 * of the built distribution, laid out as after {@code mvn package} in a clone so that the documents' paths work
 * (restarts included), printing what the documents show. How each kind of block runs is in {@link Walkthrough}.
 * <p>
 * Left out, by rule, are the shell blocks that build ({@code mvn}) or open the interactive prompt
 * ({@code bin/stowage} without {@code -c} or {@code --script}), and the blocks in other languages (Java, Karaf's
 * console); {@link #onlyTheExpectedBlocksAreLeftOut} lists them, so that a new block is never left out unseen.
 */
class DocsWalkthroughIT {

    private static final Path DIST = Path.of(System.getProperty("stowage.dist", "target/stowage")).toAbsolutePath();
    /** Failsafe runs in the module's folder; the documents are the repository's. */
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final List<String> DOCUMENTS = List.of("README.md", "docs/operating.md");
    private static final Pattern BUILDS = Pattern.compile("(^|&&|;)\\s*mvn\\s");
    private static final Pattern STOWAGE = Pattern.compile("bin/stowage(\\s|$)");
    private static final Pattern SCRIPTED = Pattern.compile("\\s(-c|--script|--help)(\\s|$)");

    /** Every block that does not run, as {@code document:first line [language] why}; update it with the documents. */
    private static final List<String> LEFT_OUT = List.of(
            "README.md: mvn -q -DskipTests package && distribution/target/stowage/bin/stowage     # build, then start"
                    + " Felix at a g! prompt [bash] builds",
            "README.md: karaf@root()> feature:repo-add mvn:io.stowage/features/1.0.0-SNAPSHOT/xml/features [text]"
                    + " not a command block",
            "README.md: @Component [java] not a command block",
            "docs/operating.md: mvn -q -DskipTests package [bash] builds",
            "docs/operating.md: distribution/target/stowage/bin/stowage [bash] opens the prompt",
            "docs/operating.md: cp -r distribution/target/stowage ~/stowage [bash] opens the prompt",
            "docs/operating.md: name = orders [properties] not a command block",
            "docs/operating.md: backend configuration 'default' holds data in format 1: upgrading its keys to format 2"
                    + " [text] not a command block",
            "docs/operating.md: try (ChangeFeed feed = store.watch(\"config:*\", ChangeFeed.NOW, true)) {   // keys by"
                    + " glob; true: with values [java] not a command block",
            "docs/operating.md: changeStreamLength = 100000 [properties] not a command block",
            "docs/operating.md: 1843012907581440000 PUT order:7 = pending [text] not a command block",
            "docs/operating.md: # namespace/store, either part a glob of * and ?; several as stores ="
                    + " [\"demo.app/orders\", \"demo.app/audit-*\"] [properties] not a command block",
            "docs/operating.md: @Component(property = EventConstants.EVENT_TOPIC + \"=io/stowage/store/demo/app\")"
                    + " [java] not a command block");

    @TempDir
    Path temp;

    @Test
    void onlyTheExpectedBlocksAreLeftOut() throws IOException {
        List<String> leftOut = new ArrayList<>();
        for (String document : DOCUMENTS) {
            for (DocBlock block : blocks(document)) {
                assertTrue(!block.language().isEmpty(), block.where() + ": a block says its language (gogo, bash,"
                        + " console for commands; text, java, ... for the rest)");
                whyLeftOut(block).ifPresent(why -> leftOut.add(document + ": " + block.firstLine() + " ["
                        + block.language() + "] " + why));
            }
        }
        assertEquals(String.join("\n", LEFT_OUT), String.join("\n", leftOut));
    }

    @Test
    void theReadmeRunsAsWritten() throws Exception {
        walk("README.md");
    }

    @Test
    void theOperatorsGuideRunsAsWritten() throws Exception {
        walk("docs/operating.md");
    }

    private void walk(String document) throws Exception {
        assumeTrue(Files.exists(DIST.resolve("bundle")) && hasStowageBundles(), "built without the Stowage bundles");
        Path root = Files.createDirectories(temp.resolve("repository"));
        copyDistribution(root.resolve("distribution/target/stowage"));
        Path userHome = Files.createDirectories(temp.resolve("home"));
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        try (Walkthrough walkthrough = new Walkthrough(root, userHome, scratch)) {
            for (DocBlock block : blocks(document)) {
                if (whyLeftOut(block).isEmpty()) {
                    walkthrough.run(block);
                }
            }
            walkthrough.finish();
        }
    }

    private static Optional<String> whyLeftOut(DocBlock block) {
        return switch (block.language()) {
            case "gogo" -> Optional.empty();
            case "bash", "console" -> {
                for (String line : block.lines()) {
                    String command = line.startsWith("$ ") ? line.substring(2) : line;
                    if (BUILDS.matcher(command).find()) {
                        yield Optional.of("builds");
                    }
                    if (STOWAGE.matcher(command).find() && !SCRIPTED.matcher(command).find()) {
                        yield Optional.of("opens the prompt");
                    }
                }
                yield Optional.empty();
            }
            default -> Optional.of("not a command block");
        };
    }

    private static List<DocBlock> blocks(String document) throws IOException {
        return DocBlock.of(document, Files.readAllLines(REPOSITORY.resolve(document)));
    }

    /**
     * The built distribution without its data folder. The Redis configuration {@code shared} is pointed at a closed
     * port: the documents leave it unused, and if one ever routes a store there, the walkthrough fails instead of
     * writing into the Redis this machine may run on 6379.
     */
    private static void copyDistribution(Path target) throws IOException {
        Files.walkFileTree(DIST, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
                if (folder.equals(DIST.resolve("data"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(DIST.relativize(folder).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, target.resolve(DIST.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        Path shared = target.resolve("etc/io.stowage.redis-shared.cfg");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(shared, Files.readString(shared).replace("redis://localhost:6379",
                "redis://127.0.0.1:" + closedPort));
        assertTrue(Files.readString(shared).contains("127.0.0.1:" + closedPort), "shared's uris moved: " + shared);
    }

    private static boolean hasStowageBundles() throws IOException {
        try (var bundles = Files.list(DIST.resolve("bundle"))) {
            return bundles.anyMatch(jar -> jar.getFileName().toString().startsWith("storage-lmdb-bundle"));
        }
    }
}
