package awrsr.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads interaction data in the formats of {@link DatasetFormat}. Files are streamed line by line.
 * A malformed interaction line is skipped and reported (file, line, value); a file where no line
 * could be read, or where more than {@value #MAX_BAD_FRACTION_PERCENT}% of lines are malformed,
 * is refused with the first error.
 */
public final class DatasetLoader {
    public static final String SHIPPED_NAME = "movielens-small";
    static final String SHIPPED_RESOURCE = "awrsr/datasets/movielens-small/";
    static final int MAX_BAD_FRACTION_PERCENT = 10;
    /** Larger timestamps are refused: 95,617,584,000,000 ms is the year 5000; seconds stay far below. */
    static final long MAX_TIMESTAMP = 95_617_584_000_000L;

    private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
    private static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror",
            "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private DatasetLoader() {}

    /**
     * Loads {@code spec}: the name {@value #SHIPPED_NAME} (the data shipped with the program), a folder
     * holding one of the known layouts, or a single generic CSV/TSV interaction file.
     */
    public static Dataset load(String spec) throws IOException {
        Path path = Path.of(spec);
        if (!Files.exists(path) && SHIPPED_NAME.equals(spec)) {
            return loadShipped();
        }
        ToyWorlds.World toy = Files.exists(path) ? null : ToyWorlds.named(spec);
        if (toy != null) {
            return ToyWorlds.load(toy);
        }
        return load(path);
    }

    public static Dataset loadShipped() throws IOException {
        return read(SHIPPED_NAME, DatasetFormat.MOVIELENS_TSV,
                DataSource.resource(SHIPPED_RESOURCE + "ratings.csv.gz"),
                DataSource.resource(SHIPPED_RESOURCE + "movies.tsv.gz")).withSource(SHIPPED_NAME);
    }

    public static Dataset load(Path path) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new IOException(path + ": not a regular file or a folder");
        }
        return loadLayout(path).withSource(path.toAbsolutePath().normalize().toString());
    }

    private static Dataset loadLayout(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such file or folder");
        }
        if (Files.isRegularFile(path)) {
            return read(stripExtensions(path.getFileName().toString()),
                    isSequenceFile(path) ? DatasetFormat.SEQUENCES : DatasetFormat.GENERIC, DataSource.of(path), null);
        }
        String name = path.toAbsolutePath().normalize().getFileName().toString();
        Path ratingsTsvMovies = first(path, "ratings.csv.gz", "ratings.csv");
        Path moviesTsv = first(path, "movies.tsv.gz", "movies.tsv");
        if (ratingsTsvMovies != null && moviesTsv != null) {
            return read(name, DatasetFormat.MOVIELENS_TSV, DataSource.of(ratingsTsvMovies), DataSource.of(moviesTsv));
        }
        Path moviesCsv = first(path, "movies.csv");
        if (ratingsTsvMovies != null) {
            return read(name, DatasetFormat.MOVIELENS_LATEST, DataSource.of(ratingsTsvMovies),
                    moviesCsv == null ? null : DataSource.of(moviesCsv));
        }
        Path ratingsDat = first(path, "ratings.dat");
        if (ratingsDat != null) {
            Path moviesDat = first(path, "movies.dat");
            return read(name, DatasetFormat.MOVIELENS_DAT, DataSource.of(ratingsDat),
                    moviesDat == null ? null : DataSource.of(moviesDat));
        }
        Path uData = first(path, "u.data");
        if (uData != null) {
            Path uItem = first(path, "u.item");
            return read(name, DatasetFormat.MOVIELENS_100K, DataSource.of(uData),
                    uItem == null ? null : DataSource.of(uItem));
        }
        Path generic = first(path, "interactions.csv", "interactions.tsv", "interactions.csv.gz", "interactions.tsv.gz");
        if (generic != null) {
            Path items = first(path, "items.csv", "items.tsv", "items.csv.gz", "items.tsv.gz");
            return read(name, DatasetFormat.GENERIC, DataSource.of(generic), items == null ? null : DataSource.of(items));
        }
        Path sequences = onlySequenceFile(path);
        if (sequences != null) {
            return read(name, DatasetFormat.SEQUENCES, DataSource.of(sequences), null);
        }
        throw new IOException(path + ": no known data layout here; expected ratings.csv[.gz] + movies.tsv|csv, "
                + "ratings.dat + movies.dat, u.data + u.item, interactions.csv|tsv [+ items.csv|tsv], "
                + "or one sequence file NAME.txt[.gz] (user item1 item2 ... per line)");
    }

    /** Reads an interaction file and an optional item file in the given format. */
    public static Dataset read(String name, DatasetFormat format, DataSource interactions, DataSource items)
            throws IOException {
        MessageDigest digest = awrsr.util.Hashing.sha256();
        LoadReport report = new LoadReport();
        InteractionLog log = new InteractionLog();
        readInteractions(format, digested(interactions, digest), log, report);
        report.duplicates(log.duplicates());
        ItemCatalog catalog = items == null ? ItemCatalog.empty() : readItems(format, digested(items, digest));
        return log.toDataset(name, HexFormat.of().formatHex(digest.digest()), catalog, report);
    }

    // ---------------------------------------------------------------- interactions

    private static void readInteractions(DatasetFormat format, DataSource source, InteractionLog log,
                                         LoadReport report) throws IOException {
        if (format == DatasetFormat.SEQUENCES) {
            readSequences(source, log, report);
            return;
        }
        Charset charset = StandardCharsets.UTF_8;
        final DataFormatException[] first = new DataFormatException[1];
        final long[] lines = new long[1];
        // user, item and timestamp columns; a generic file's header may name them in another order
        final int[] columns = format == DatasetFormat.GENERIC ? new int[] {0, 1, 2} : new int[] {0, 1, 3};
        Lines.forEach(source, charset, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            if (number == 1 && looksBinary(line)) {
                throw new DataFormatException(source.name(), 0, null, "not text (binary data, or another encoding "
                        + "than UTF-8): not an interaction file");
            }
            lines[0]++;
            List<String> fields = switch (format) {
                case MOVIELENS_DAT -> Csv.split(line, "::");
                case MOVIELENS_100K -> Arrays.asList(line.trim().split("\\s+"));
                case GENERIC -> Csv.split(line, line.indexOf('\t') >= 0 ? '\t' : ',');
                default -> Csv.split(line, ',');
            };
            if (number == 1 && isHeader(fields)) {
                lines[0]--;
                if (format == DatasetFormat.GENERIC) {
                    headerColumns(source, line, fields, columns);
                }
                return;
            }
            if ((log.count() & 0xFFFFF) == 0xFFFFF) {
                checkHeap(source, number, log.count());          // fatal, not a malformed line
            }
            try {
                int needed = Math.max(columns[0], Math.max(columns[1], columns[2])) + 1;
                if (fields.size() < needed) {
                    throw new DataFormatException(source.name(), number, line,
                            "expected " + needed + " columns, found " + fields.size());
                }
                int user = parseId(source, number, fields.get(columns[0]), "user id");
                int item = parseId(source, number, fields.get(columns[1]), "item id");
                long time = parseTimestamp(source, number, fields.get(columns[2]));
                log.add(user, item, time);
                report.read();
            } catch (DataFormatException e) {
                if (first[0] == null) {
                    first[0] = e;
                }
                report.skip(e);
            }
        });
        refuseIfUnusable(source, log, report, lines[0], first[0], "no interactions in this file");
    }

    /**
     * After a file is read: refuses it when nothing could be read (with its first error, if any) or when more
     * than {@value #MAX_BAD_FRACTION_PERCENT}% of its lines were malformed.
     */
    private static void refuseIfUnusable(DataSource source, InteractionLog log, LoadReport report, long lines,
                                         DataFormatException first, String empty) throws DataFormatException {
        if (log.count() == 0) {
            if (first != null) {
                throw first;
            }
            throw new DataFormatException(source.name(), 0, null, empty);
        }
        if (report.skippedLines() * 100 > lines * MAX_BAD_FRACTION_PERCENT) {
            throw new DataFormatException(source.name(), first.line(), first.value(),
                    report.skippedLines() + " of " + lines + " lines are malformed; first: " + first.getMessage());
        }
    }

    /**
     * A sequence file: a line is a user's whole history, so a malformed line (a token that is not an id, a
     * user without items, a user already read on an earlier line) is skipped as a whole and reported.
     */
    private static void readSequences(DataSource source, InteractionLog log, LoadReport report) throws IOException {
        final DataFormatException[] first = new DataFormatException[1];
        final long[] lines = new long[1];
        Map<Integer, Long> lineOfUser = new HashMap<>();
        Lines.forEach(source, StandardCharsets.UTF_8, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            if (number == 1 && looksBinary(line)) {
                throw new DataFormatException(source.name(), 0, null, "not text (binary data, or another encoding "
                        + "than UTF-8): not a sequence file");
            }
            lines[0]++;
            if ((log.count() & 0xFFFFF) == 0xFFFFF) {
                checkHeap(source, number, log.count());
            }
            try {
                String[] tokens = line.trim().split("\\s+");
                if (tokens.length < 2) {
                    throw new DataFormatException(source.name(), number, line,
                            "expected a user id followed by at least one item id");
                }
                int user = parseId(source, number, tokens[0], "user id");
                int[] items = new int[tokens.length - 1];
                for (int k = 1; k < tokens.length; k++) {
                    items[k - 1] = parseId(source, number, tokens[k], "item id");
                }
                Long earlier = lineOfUser.putIfAbsent(user, number);
                if (earlier != null) {
                    throw new DataFormatException(source.name(), number, tokens[0],
                            "user " + user + " already has a sequence on line " + earlier);
                }
                for (int k = 0; k < items.length; k++) {
                    log.add(user, items[k], k);
                    report.read();
                }
            } catch (DataFormatException e) {
                if (first[0] == null) {
                    first[0] = e;
                }
                report.skip(e);
            }
        });
        refuseIfUnusable(source, log, report, lines[0], first[0], "no sequences in this file");
    }

    /**
     * Bytes an interaction takes while loading, with room for the grouping that follows: 12 in the
     * growing per-user arrays (up to twice that while they double), 20 for the sort, 4 in the sequences.
     */
    static final long BYTES_PER_INTERACTION = 64;

    /** Refuses a file whose interactions will not fit in the Java heap, before the heap runs out. */
    private static void checkHeap(DataSource source, long line, long interactions) throws DataFormatException {
        long limit = Long.getLong("awrsr.heap.limit", Runtime.getRuntime().maxMemory());
        long need = (interactions + 1) * BYTES_PER_INTERACTION;
        if (need > limit * 3 / 4) {
            throw new DataFormatException(source.name(), line, null, "too large for this program's memory: "
                    + (interactions + 1) + " interactions read by this line need about " + (need >> 20) + " MB of the "
                    + (limit >> 20) + " MB Java heap; use a smaller file or give Java more memory "
                    + "(JAVA_TOOL_OPTIONS=-Xmx...)");
        }
    }

    /** A first line with NUL bytes, or where undecodable bytes are more than a tenth of it. */
    static boolean looksBinary(String line) {
        long bad = line.chars().filter(c -> c == 0 || c == 0xFFFD).count();
        return line.indexOf('\0') >= 0 || bad * 10 > line.length();
    }

    /** Finds the user, item and time columns by name ("userId", "movie_id", "timestamp", ...). */
    private static void headerColumns(DataSource source, String line, List<String> header, int[] columns)
            throws DataFormatException {
        int user = -1;
        int item = -1;
        int time = -1;
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c).trim().toLowerCase(java.util.Locale.ROOT);
            if (user < 0 && h.contains("user")) {
                user = c;
            } else if (item < 0 && (h.contains("item") || h.contains("movie") || h.contains("product"))) {
                item = c;
            } else if (time < 0 && (h.contains("time") || h.equals("ts") || h.contains("date"))) {
                time = c;
            }
        }
        if (user >= 0 && item >= 0 && time >= 0) {
            columns[0] = user;
            columns[1] = item;
            columns[2] = time;
        } else if (header.size() != 3) {
            throw new DataFormatException(source.name(), 1, line,
                    "header does not name user, item and timestamp columns");
        }
    }

    private static boolean isHeader(List<String> fields) {
        String f = fields.get(0).trim();
        return !f.isEmpty() && !Character.isDigit(f.charAt(0)) && f.charAt(0) != '-';
    }

    static int parseId(DataSource source, long line, String text, String what) throws DataFormatException {
        String t = text.trim();
        try {
            int id = Integer.parseInt(t);
            if (id < 0) {
                throw new DataFormatException(source.name(), line, t, what + " must not be negative");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new DataFormatException(source.name(), line, t, what + " is not an integer");
        }
    }

    static long parseTimestamp(DataSource source, long line, String text) throws DataFormatException {
        String t = text.trim();
        long value;
        try {
            value = Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException(t);
                }
                value = (long) d;
            } catch (NumberFormatException e2) {
                throw new DataFormatException(source.name(), line, t, "timestamp is not a number");
            }
        }
        if (value < 0) {
            throw new DataFormatException(source.name(), line, t, "timestamp must not be negative");
        }
        if (value > MAX_TIMESTAMP) {
            throw new DataFormatException(source.name(), line, t, "timestamp is absurdly large (beyond "
                    + MAX_TIMESTAMP + ", the year 5000 in milliseconds)");
        }
        return value;
    }

    // ---------------------------------------------------------------- items

    private static ItemCatalog readItems(DatasetFormat format, DataSource source) throws IOException {
        Charset charset = (format == DatasetFormat.MOVIELENS_DAT || format == DatasetFormat.MOVIELENS_100K)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        Map<Integer, Item> items = new HashMap<>();
        Lines.forEach(source, charset, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            List<String> f = switch (format) {
                case MOVIELENS_TSV -> Csv.split(line, '\t');
                case MOVIELENS_DAT -> Csv.split(line, "::");
                case MOVIELENS_100K -> Csv.split(line, '|');
                case MOVIELENS_LATEST -> Csv.split(line, ',');
                case GENERIC -> Csv.split(line, line.indexOf('\t') >= 0 ? '\t' : ',');
                case SEQUENCES -> throw new IllegalStateException("a sequence file has no items file");
            };
            if (number == 1 && isHeader(f)) {
                return;
            }
            if (f.size() < 2) {
                throw new DataFormatException(source.name(), number, line, "expected at least 2 columns (id, title)");
            }
            int id = parseId(source, number, f.get(0), "item id");
            Item item = switch (format) {
                case MOVIELENS_TSV -> new Item(id, f.get(1).trim(), parseYear(f.size() > 2 ? f.get(2) : ""),
                        genres(f.size() > 3 ? f.get(3) : ""));
                case MOVIELENS_LATEST, MOVIELENS_DAT -> titled(id, f.get(1), genres(f.size() > 2 ? f.get(2) : ""));
                case MOVIELENS_100K -> titled(id, f.get(1), ml100kGenres(f));
                case GENERIC -> f.size() > 2
                        ? new Item(id, f.get(1).trim(), parseYear(f.get(2)), genres(f.size() > 3 ? f.get(3) : ""))
                        : titled(id, f.get(1), List.of());
                case SEQUENCES -> throw new IllegalStateException("a sequence file has no items file");
            };
            items.put(id, item);
        });
        return new ItemCatalog(items);
    }

    /** "Toy Story (1995)" becomes title "Toy Story" and year 1995. */
    static Item titled(int id, String raw, List<String> genres) {
        String title = raw.trim();
        Matcher m = TITLE_YEAR.matcher(title);
        if (m.matches()) {
            return new Item(id, m.group(1), Integer.parseInt(m.group(2)), genres);
        }
        return new Item(id, title, null, genres);
    }

    private static Integer parseYear(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("NA")) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> genres(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("(no genres listed)")) {
            return List.of();
        }
        return List.of(t.split("\\|"));
    }

    private static List<String> ml100kGenres(List<String> f) {
        List<String> out = new ArrayList<>();
        int base = f.size() - ML100K_GENRES.size();
        for (int g = 0; g < ML100K_GENRES.size() && base >= 2; g++) {
            if ("1".equals(f.get(base + g).trim())) {
                out.add(ML100K_GENRES.get(g));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static Path first(Path folder, String... names) {
        for (String n : names) {
            Path p = folder.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isSequenceFile(Path file) {
        return file.getFileName().toString().matches("(?i).+\\.txt(\\.gz)?");
    }

    /** The folder's one NAME.txt[.gz] (READMEs aside), or null when there is none or more than one. */
    private static Path onlySequenceFile(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> found = files.filter(Files::isRegularFile).filter(DatasetLoader::isSequenceFile)
                    .filter(p -> !p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).startsWith("readme"))
                    .toList();
            return found.size() == 1 ? found.get(0) : null;
        }
    }

    private static String stripExtensions(String fileName) {
        return fileName.replaceAll("(\\.(csv|tsv|txt|dat))?(\\.gz)?$", "");
    }

    /** The same source, with every raw byte read also fed to the digest. */
    private static DataSource digested(DataSource source, MessageDigest digest) {
        return new DataSource() {
            @Override public String name() { return source.name(); }
            @Override public InputStream openRaw() throws IOException {
                return new DigestInputStream(source.openRaw(), digest);
            }
        };
    }
}
