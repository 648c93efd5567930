package awrsr.data;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random corruptions of valid files: every loader either loads, accounting for every line it skipped with
 * file and line, or refuses with a {@link DataFormatException} naming the file. Nothing else escapes.
 */
class LoaderCorruptionProperties {
    /** One damage done to a file's bytes. */
    record Damage(int kind, int line, int at, String text) {}

    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<Damage> one = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 80), Arbitraries.integers().between(0, 40),
                Arbitraries.strings().withChars("0123456789,;:\t|\"x -.é").ofMaxLength(12)).as(Damage::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    private static List<String> validGeneric() {
        List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
        for (int u = 1; u <= 6; u++) {
            for (int k = 0; k < 10; k++) {
                lines.add(u + "," + (1 + (u * 7 + k * 3) % 25) + "," + (1000 + k));
            }
        }
        return lines;
    }

    private static byte[] damage(List<String> lines, List<Damage> damages) {
        List<String> l = new ArrayList<>(lines);
        byte[] extra = null;
        for (Damage d : damages) {
            if (l.isEmpty()) {
                l.add(d.text());
                continue;
            }
            int i = d.line() % l.size();
            String line = l.get(i);
            switch (d.kind()) {
                case 0 -> l.set(i, d.text());                                              // garbage line
                case 1 -> l.set(i, line.substring(0, Math.min(line.length(), d.at() % (line.length() + 1))));
                case 2 -> l.set(i, line.replace(',', ';'));                                 // wrong delimiter
                case 3 -> l.set(i, line + "," + d.text());                                  // extra column
                case 4 -> l.add(i, line);                                                   // duplicate
                case 5 -> l.set(i, line.replaceFirst("\\d+$", "-" + d.at()));               // negative time
                case 6 -> l.add(i, "");                                                     // empty line
                case 7 -> extra = new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};       // not UTF-8
                default -> l.subList(i, l.size()).clear();                                  // truncated file
            }
        }
        byte[] text = String.join("\n", l).getBytes(StandardCharsets.UTF_8);
        if (extra == null) {
            return text;
        }
        byte[] out = Arrays.copyOf(text, text.length + extra.length);
        System.arraycopy(extra, 0, out, text.length, extra.length);
        return out;
    }

    @Property(tries = 300)
    void genericFilesLoadWithAReportOrAreRefusedByName(@ForAll("damages") List<Damage> damages) throws IOException {
        Path dir = Files.createTempDirectory("awrsr-prop");
        Path file = dir.resolve("interactions.csv");
        byte[] bytes = damage(validGeneric(), damages);
        Files.write(file, bytes);
        try {
            Dataset d = DatasetLoader.load(file);
            LoadReport r = d.report();
            long dataLines = new String(bytes, StandardCharsets.UTF_8).lines().filter(s -> !s.isBlank()).count();
            assertTrue(r.readLines() + r.skippedLines() >= dataLines - 1, "every line is read, skipped or the header");
            assertEquals(r.readLines(), d.interactionCount());
            for (String why : r.examples()) {
                assertTrue(why.startsWith(file + ":"), why);
            }
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Property(tries = 200)
    void movieLensDatFilesBehaveTheSame(@ForAll("damages") List<Damage> ratingDamage,
                                        @ForAll("damages") @Size(max = 2) List<Damage> movieDamage) throws IOException {
        List<String> ratings = new ArrayList<>();
        for (int u = 1; u <= 5; u++) {
            for (int k = 0; k < 8; k++) {
                ratings.add(u + "::" + (10 + k) + "::4::" + (978300000 + k));
            }
        }
        List<String> movies = new ArrayList<>();
        for (int m = 10; m < 18; m++) {
            movies.add(m + "::Film " + m + " (199" + (m % 10) + ")::Drama|Comedy");
        }
        Path dir = Files.createTempDirectory("awrsr-prop");
        Files.write(dir.resolve("ratings.dat"), damage(ratings, ratingDamage).clone());
        Files.write(dir.resolve("movies.dat"), damage(movies, movieDamage));
        try {
            Dataset d = DatasetLoader.load(dir);
            assertTrue(d.interactionCount() > 0);
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
            assertTrue(e.line() >= 0);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
