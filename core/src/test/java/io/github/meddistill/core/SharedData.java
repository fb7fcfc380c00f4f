package io.github.meddistill.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpora, located by the {@code meddistill.shared.data} system property that surefire sets. */
public final class SharedData {

    private SharedData() {
    }

    /** {@code relative} under the shared data folder; skips the calling test, with the reason, when it is absent. */
    public static Path file(String relative) {
        String root = System.getProperty("meddistill.shared.data");
        assumeTrue(root != null, "system property meddistill.shared.data is not set (run through Maven surefire)");
        Path path = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(path), "shared data not present: " + path);
        return path;
    }
}
