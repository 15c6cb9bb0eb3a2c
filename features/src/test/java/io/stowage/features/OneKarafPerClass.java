package io.stowage.features;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class with a Karaf of this build of its own, in its own temporary folder: started before the class's first
 * test, stopped after its last. The tests share it, so a class that needs an order says so.
 */
abstract class OneKarafPerClass {

    @TempDir
    static Path temp;

    static KarafInstance karaf;

    @BeforeAll
    static void bootKaraf() throws Exception {
        karaf = KarafInstance.ofThisBuild(temp.resolve("karaf"));
        karaf.start();
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
            karaf = null;
        }
    }
}
