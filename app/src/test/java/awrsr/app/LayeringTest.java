package awrsr.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The layering of docs/architecture: the model never knows a window exists; views never touch DJL. */
class LayeringTest {
    private static List<Path> sources(String folder) throws IOException {
        try (Stream<Path> s = Files.walk(AppPaths.home().resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> offenders(String folder, String forbiddenImport) throws IOException {
        return sources(folder).stream().filter(p -> {
            try {
                return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + forbiddenImport));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(Path::toString).toList();
    }

    @Test
    void modelModuleNeverImportsJavaFx() throws IOException {
        assertFalse(sources("model/src/main/java").isEmpty());
        assertEquals(List.of(), offenders("model/src/main/java", "javafx"));
    }

    @Test
    void viewsAndViewModelsNeverImportTheEngine() throws IOException {
        assertEquals(List.of(), offenders("app/src/main/java/awrsr/app/view", "ai.djl"));
        assertEquals(List.of(), offenders("app/src/main/java/awrsr/app/io", "ai.djl"));
    }
}
