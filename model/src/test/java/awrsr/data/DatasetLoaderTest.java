package awrsr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shippedMovieLensLoadsCompletelyWithTitles() throws IOException {
        Dataset d = DatasetLoader.load("movielens-small");
        assertEquals(671, d.userCount());
        assertEquals(100_004, d.interactionCount());
        assertEquals(9_066, d.itemIds().length);
        Item toyStory = d.catalog().get(1);
        assertEquals("Toy Story", toyStory.title());
        assertEquals(1995, toyStory.year());
        assertTrue(toyStory.genres().contains("Animation"));
        int row = d.rowOfUser(1);
        assertEquals(2294, d.sequence(row)[0]);
        assertEquals(2455, d.sequence(row)[1]);
        assertEquals(0, d.report().skippedLines());
        assertEquals(64, d.checksum().length());
    }

    @Test
    void sequencesAreOrderedByTimeThenItemId() throws IOException {
        Path f = write("interactions.csv", "user,item,timestamp\n7,30,200\n7,12,100\n7,9,200\n7,4,300\n8,1,5\n");
        Dataset d = DatasetLoader.load(f.getParent());
        assertArrayEquals(new int[] {12, 9, 30, 4}, d.sequence(d.rowOfUser(7)));
    }

    @Test
    void genericHeaderMayNameItsColumnsInAnyOrder() throws IOException {
        Path f = write("events.csv", "item_id,rating,timestamp,user_id\n5,4.5,300,1\n6,3,100,1\n");
        Dataset d = DatasetLoader.load(f);
        assertArrayEquals(new int[] {6, 5}, d.sequence(d.rowOfUser(1)));
        Path bad = write("bad.csv", "a,b,c,d\n1,2,3,4\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(bad));
        assertTrue(e.getMessage().contains("bad.csv:1"), e.getMessage());
    }

    @Test
    void movieLens1mDatWithLatin1Titles() throws IOException {
        write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        Path movies = dir.resolve("movies.dat");
        Files.write(movies, "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::Caf\u00e9 au lait (1993)::Comedy|Romance\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Dataset d = DatasetLoader.load(dir);
        assertArrayEquals(new int[] {1193, 661}, d.sequence(d.rowOfUser(1)));
        assertEquals("Caf\u00e9 au lait", d.catalog().get(661).title());
        assertEquals(1993, d.catalog().get(661).year());
        assertEquals(List.of("Comedy", "Romance"), d.catalog().get(661).genres());
    }

    @Test
    void movieLensLatestCsvWithQuotedTitles() throws IOException {
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,11,4.0,964982703\n1,3,4.0,964981247\n");
        write("movies.csv", "movieId,title,genres\n3,Grumpier Old Men (1995),Comedy|Romance\n"
                + "11,\"American President, The (1995)\",Comedy|Drama|Romance\n");
        Dataset d = DatasetLoader.load(dir);
        assertEquals("American President, The", d.catalog().get(11).title());
        assertEquals(3, d.catalog().get(11).genres().size());
        assertArrayEquals(new int[] {3, 11}, d.sequence(0));
    }

    @Test
    void movieLens100kWithGenreFlags() throws IOException {
        write("u.data", "196\t242\t3\t881250949\n196\t302\t3\t891717742\n");
        Path items = dir.resolve("u.item");
        Files.write(items, ("242|Kolya (1996)|24-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "302|L.A. Confidential (1997)|01-Jan-1997||http://y|0|0|0|0|0|0|1|0|0|0|0|0|0|1|0|0|1|0|0\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Dataset d = DatasetLoader.load(dir);
        assertEquals(List.of("Comedy"), d.catalog().get(242).genres());
        assertEquals(List.of("Crime", "Mystery", "Thriller"), d.catalog().get(302).genres());
        assertEquals(1997, d.catalog().get(302).year());
    }

    @Test
    void shippedLayoutFromDiskWithGzip() throws IOException {
        gzip("ratings.csv.gz", "userId,movieId,rating,timestamp\n5,10,3,100\n5,20,3,101\n");
        gzip("movies.tsv.gz", "movieId\ttitle\tyear\tgenres\n10\tA film, with comma\t2001\tDrama\n20\t\tNA\t\n");
        Dataset d = DatasetLoader.load(dir);
        assertEquals("A film, with comma", d.catalog().get(10).title());
        assertEquals("item 20", d.catalog().get(20).displayTitle());
        assertNull(d.catalog().get(20).year());
    }

    @Test
    void aFewMalformedLinesAreSkippedAndReportedByLine() throws IOException {
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        for (int i = 0; i < 40; i++) {
            csv.append("1,").append(i + 1).append(',').append(1000 + i).append('\n');
        }
        csv.append("1,abc,2000\n");
        Path f = write("interactions.csv", csv.toString());
        Dataset d = DatasetLoader.load(f);
        assertEquals(40, d.interactionCount());
        assertEquals(1, d.report().skippedLines());
        String why = d.report().examples().get(0);
        assertTrue(why.contains("interactions.csv:42"), why);
        assertTrue(why.contains("'abc'"), why);
        assertTrue(why.contains("item id"), why);
    }

    @Test
    void sequenceFileKeepsEachLinesOrderAndSkipsBadLinesWhole() throws IOException {
        StringBuilder txt = new StringBuilder();
        for (int u = 1; u <= 20; u++) {
            txt.append(u).append(" 9 3 7 ").append(u + 100).append('\n');
        }
        txt.append("21 4 x 5\n");          // line 21: one bad token drops the whole line
        txt.append("3 1 2\n");             // line 22: user 3 again
        Path folder = dir.resolve("beauty-like");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("README.md"), "not data");
        Path f = folder.resolve("Tiny.txt");
        Files.writeString(f, txt.toString());
        for (Dataset d : List.of(DatasetLoader.load(f), DatasetLoader.load(folder))) {
            assertEquals(20, d.userCount());
            assertEquals(80, d.interactionCount());
            assertArrayEquals(new int[] {9, 3, 7, 105}, d.sequence(d.rowOfUser(5)), "the line's order, not id order");
            assertEquals(2, d.report().skippedLines());
            assertTrue(d.report().examples().get(0).contains("Tiny.txt:21"), d.report().examples().get(0));
            assertTrue(d.report().examples().get(0).contains("'x'"), d.report().examples().get(0));
            assertTrue(d.report().examples().get(1).contains("already has a sequence on line 3"),
                    d.report().examples().get(1));
        }
        assertEquals("Tiny", DatasetLoader.load(f).name());
        assertEquals("beauty-like", DatasetLoader.load(folder).name());
    }

    @Test
    void mostlyMalformedFileIsRefusedNamingFileLineAndValue() throws IOException {
        Path f = write("interactions.csv", "1;2;3\n4;5;6\n7,8,9\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f));
        assertTrue(e.getMessage().contains("interactions.csv:1"), e.getMessage());
        assertTrue(e.getMessage().contains("1;2;3"), e.getMessage());
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefused() throws IOException {
        Path empty = write("empty.csv", "");
        assertTrue(assertThrows(DataFormatException.class, () -> DatasetLoader.load(empty)).getMessage()
                .contains("no interactions"));
        Path header = write("header.csv", "user,item,timestamp\n");
        assertThrows(DataFormatException.class, () -> DatasetLoader.load(header));
    }

    @Test
    void negativeTimestampsAndIdsAreRejectedPerLine() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            csv.append("2,").append(i + 1).append(',').append(i).append('\n');
        }
        csv.append("2,5,-7\n-3,5,7\n");
        Dataset d = DatasetLoader.load(write("x.csv", csv.toString()));
        assertEquals(2, d.report().skippedLines());
        assertTrue(d.report().examples().get(0).contains("timestamp must not be negative"));
        assertTrue(d.report().examples().get(1).contains("user id must not be negative"));
    }

    @Test
    void absurdAndNonFiniteTimestampsAreSkippedByLine() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append("3,").append(i + 1).append(',').append(1_000_000 + i).append('\n');
        }
        csv.append("3,5,99999999999999999\n3,6,NaN\n3,7,1.5e9\n");
        Dataset d = DatasetLoader.load(write("t.csv", csv.toString()));
        assertEquals(41, d.interactionCount(), "1.5e9 is a valid timestamp");
        assertEquals(2, d.report().skippedLines());
        assertTrue(d.report().examples().get(0).contains("absurdly large"), d.report().examples().get(0));
        assertTrue(d.report().examples().get(1).contains("t.csv:42") && d.report().examples().get(1).contains("'NaN'"));
    }

    @Test
    void duplicatesAreKeptAndCountedAndSingleInteractionUsersLoad() throws IOException {
        Dataset d = DatasetLoader.load(write("d.csv", "1,5,10\n1,5,10\n1,6,11\n1,7,12\n2,9,3\n"));
        assertEquals(5, d.interactionCount());
        assertEquals(1, d.report().duplicateInteractions());
        assertTrue(d.report().toString().contains("1 exact duplicate"));
        LeaveOneOutSplit split = new LeaveOneOutSplit(d);
        assertFalse(split.hasTargets(d.rowOfUser(2)), "a user with one interaction has nothing to hold out");
        assertArrayEquals(new int[] {9}, split.train(d.rowOfUser(2)));
    }

    @Test
    void titlesThatAreNotUtf8LoadWithReplacementCharacters() throws IOException {
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,10,4,100\n1,11,4,101\n");
        Files.write(dir.resolve("movies.tsv"), "movieId\ttitle\tyear\tgenres\n10\tCaf\u00e9\t2001\tDrama\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Dataset d = DatasetLoader.load(dir);
        assertEquals("Caf\uFFFD", d.catalog().get(10).title());
        assertEquals(2001, d.catalog().get(10).year());
    }

    @Test
    void aMillionLinesAreStreamed() throws IOException {
        try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("big.csv.gz"))),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write((i % 5000) + "," + (i % 3001) + "," + i + "\n");
            }
        }
        Dataset d = DatasetLoader.load(dir.resolve("big.csv.gz"));
        assertEquals(1_000_000, d.interactionCount());
        assertEquals(5000, d.userCount());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("big.csv.gz"), files.map(f -> f.getFileName().toString()).toList(),
                    "read from the archive, nothing unpacked beside it");
        }
    }

    @Test
    void everyLineEndingCountsAndAMissingLastOneToo() throws IOException {
        Path f = write("endings.csv", "user,item,timestamp\r\n1,10,1\r\n1,11,2\r1,12,3\n\n2,20,1\n2,21,2");
        Dataset d = DatasetLoader.load(f);
        assertEquals(5, d.interactionCount());
        assertArrayEquals(new int[] {10, 11, 12}, d.sequence(d.rowOfUser(1)));
        assertArrayEquals(new int[] {20, 21}, d.sequence(d.rowOfUser(2)));
        assertEquals(0, d.report().skippedLines());
    }

    @Test
    void aLineLongerThanAMegabyteIsRefusedNotRead() throws IOException {
        Path f = write("one-line.csv", "1,2,3\n" + "9".repeat(Lines.MAX_LINE + 10) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f));
        assertTrue(e.getMessage().contains("one-line.csv:2") && e.getMessage().contains("line longer than"),
                e.getMessage());
    }

    @Test
    void unknownFolderLayoutSaysWhatItExpected() throws IOException {
        write("notes.md", "hello");
        IOException e = assertThrows(IOException.class, () -> DatasetLoader.load(dir));
        assertTrue(e.getMessage().contains("no known data layout"), e.getMessage());
        write("notes.txt", "hello");     // the one .txt is read as a sequence file: its error names it
        e = assertThrows(IOException.class, () -> DatasetLoader.load(dir));
        assertTrue(e.getMessage().contains("notes.txt:1") && e.getMessage().contains("'hello'"), e.getMessage());
        assertThrows(IOException.class, () -> DatasetLoader.load(dir.resolve("missing")));
    }

    @Test
    void checksumFollowsTheBytes() throws IOException {
        Path a = write("a.csv", "1,2,3\n1,3,4\n");
        String first = DatasetLoader.load(a).checksum();
        assertEquals(first, DatasetLoader.load(a).checksum());
        Files.writeString(a, "1,2,3\n1,3,5\n");
        assertNotEquals(first, DatasetLoader.load(a).checksum());
    }

    @Test
    void kCoreDropsRareItemsAndShortUsersUntilStable() throws IOException {
        write("interactions.csv", "user,item,timestamp\n1,1,1\n1,2,2\n1,3,3\n2,1,1\n2,2,2\n3,1,1\n3,2,2\n3,9,3\n");
        write("items.csv", "item,title\n1,One\n2,Two\n3,Three\n9,Nine\n");
        Dataset full = DatasetLoader.load(dir);
        assertArrayEquals(new int[] {1, 2, 3, 9}, full.itemIds());
        Dataset d = full.kCore(2);
        assertEquals(3, d.userCount());
        for (int r = 0; r < d.userCount(); r++) {
            assertArrayEquals(new int[] {1, 2}, d.sequence(r));
        }
        assertArrayEquals(new int[] {1, 2}, d.itemIds(), "items 3 and 9 occur once: dropped");
        assertEquals("Nine", d.catalog().get(9).title(), "titles stay for display");
    }

    @Test
    void leaveOneOutSplitHoldsOutTheLastTwoItems() throws IOException {
        Dataset d = DatasetLoader.load(write("s.csv", "1,10,1\n1,11,2\n1,12,3\n1,13,4\n2,20,1\n2,21,2\n"));
        LeaveOneOutSplit s = new LeaveOneOutSplit(d);
        int u1 = d.rowOfUser(1);
        assertArrayEquals(new int[] {10, 11}, s.train(u1));
        assertEquals(12, s.validationTarget(u1));
        assertEquals(13, s.testTarget(u1));
        assertArrayEquals(new int[] {10, 11, 12}, s.testInput(u1));
        int u2 = d.rowOfUser(2);
        assertFalse(s.hasTargets(u2));
        assertArrayEquals(new int[] {20, 21}, s.train(u2));
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private void gzip(String name, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
