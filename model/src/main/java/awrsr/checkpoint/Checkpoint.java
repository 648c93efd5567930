package awrsr.checkpoint;

import ai.djl.ndarray.NDManager;
import awrsr.data.Item;
import awrsr.data.ItemCatalog;
import awrsr.nn.ItemIndex;
import awrsr.nn.BackboneKind;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.Variant;
import awrsr.util.AtomicFiles;
import awrsr.util.Hashing;
import awrsr.util.Text;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk: a folder holding
 * <ul>
 *   <li>{@code config.json}: format version, variant and dimensions, dataset name, checksum, source and
 *       k-core filter, training settings, metrics, and the names and SHA-256 of the files below;</li>
 *   <li>{@code items.tsv}: the item-id mapping (model index, dataset id) with title, year and genres;</li>
 *   <li>{@code params-eNNNN-*.bin} and {@code optimizer-eNNNN-*.bin}: the arrays of epoch NNNN;</li>
 *   <li>{@code awrsr-checkpoint}: the marker that says the folder is this program's, and the lock file.</li>
 * </ul>
 * Every file is written atomically and config.json last, so it only ever names complete files: a
 * process killed at any moment leaves the previous checkpoint loadable, or (during the first write) a
 * folder with no config.json, which is no checkpoint. The program deletes files only in a folder that
 * carries its marker or config.json, and only files named as it names them.
 */
public final class Checkpoint {
    /** 2: items.tsv checksummed, dataset source and k-core recorded, marker file. 1 is still read. */
    /** 3: the STOSA options (model.attentionDropout, model.referenceMeanBug, training.pvnWeight); 1 and 2 are read. */
    public static final int FORMAT_VERSION = 3;
    public static final String CONFIG = "config.json";
    public static final String ITEMS = "items.tsv";
    public static final String MARKER = "awrsr-checkpoint";
    /** config.json and items.tsv larger than this are refused before they are read. */
    static final long MAX_CONFIG_BYTES = 1 << 20;
    static final long MAX_ITEMS_BYTES = 512L << 20;
    private static final String ARRAY_NAME = "(params|optimizer)-e\\d{4,}-\\d{6}\\.bin";
    private static final java.util.regex.Pattern ARRAY_FILE = java.util.regex.Pattern.compile(ARRAY_NAME);
    /** What {@link AtomicFiles} names its temporary file for one of this program's files. */
    private static final java.util.regex.Pattern OUR_TEMPORARY = java.util.regex.Pattern.compile(
            "\\.(config\\.json|items\\.tsv|awrsr-checkpoint|" + ARRAY_NAME + ")\\.\\d+\\.tmp");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private final Path folder;
    private final JsonObject json;
    private final ModelConfig model;
    private final ItemIndex index;
    private final ItemCatalog catalog;
    private final Fields fields;

    private Checkpoint(Path folder, JsonObject json, ModelConfig model, ItemIndex index, ItemCatalog catalog,
                       Fields fields) {
        this.folder = folder;
        this.json = json;
        this.model = model;
        this.index = index;
        this.catalog = catalog;
        this.fields = fields;
    }

    /** What config.json says beyond the model's shape, read and checked once. */
    private record Fields(String datasetName, String datasetChecksum, String datasetSource, int kcore,
                          int epochsRun, int bestEpoch, TrainingSettings settings) {}

    public Path folder() { return folder; }
    public ModelConfig model() { return model; }
    public ItemIndex itemIndex() { return index; }
    /** Titles of the model's items, as the training data had them. */
    public ItemCatalog catalog() { return catalog; }
    /** The whole config.json (a copy). */
    public JsonObject json() { return json.deepCopy(); }

    /** The dataset's name: a label for people, never a path. */
    public String datasetName() { return fields.datasetName; }
    public String datasetChecksum() { return fields.datasetChecksum; }
    /** Where the training data was read from ({@link awrsr.data.Dataset#source()}); null if not recorded. */
    public String datasetSource() { return fields.datasetSource; }
    /** The k-core filter training applied to the data (0: none). */
    public int datasetKcore() { return fields.kcore; }
    public int epochsRun() { return fields.epochsRun; }
    public int bestEpoch() { return fields.bestEpoch; }
    public TrainingSettings settings() { return fields.settings; }

    public JsonObject metrics() {
        return json.has("metrics") ? json.getAsJsonObject("metrics").deepCopy() : new JsonObject();
    }

    /** Reads config.json and items.tsv; parameters are read on demand by {@link #loadParameters}. */
    public static Checkpoint read(Path folder) throws IOException {
        Path configFile = folder.resolve(CONFIG);
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a checkpoint folder (" + (Files.exists(folder) ? "not a folder"
                    : "no such folder") + ")");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(folder + ": not a checkpoint folder (no " + CONFIG + ")");
        }
        JsonObject json;
        try {
            JsonElement root = JsonParser.parseString(readText(configFile, MAX_CONFIG_BYTES));
            if (!root.isJsonObject()) {
                throw new IOException(configFile + ": not a checkpoint configuration (a JSON object was expected)");
            }
            json = root.getAsJsonObject();
        } catch (JsonParseException e) {
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            throw new IOException(configFile + ": not valid JSON" + (at.find() ? " (at line " + at.group(1) + ", column "
                    + at.group(2) + ")" : ""), e);
        }
        JsonFields f = new JsonFields(configFile, json);
        int version = f.integer("formatVersion", 1, Integer.MAX_VALUE);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(configFile + ": checkpoint format " + version + ", this program reads formats 1 to "
                    + FORMAT_VERSION);
        }
        ModelConfig model;
        try {
            // read in the order of the file, so that the first missing or bad field is the one named
            Variant variant = f.parsed("model.variant", Variant::parse, "a variant");
            int numItems = f.integer("model.numItems", 1, ModelConfig.MAX_ITEMS);
            int maxLen = f.integer("model.maxLen", 1, ModelConfig.MAX_MAX_LEN);
            int dim = f.integer("model.dim", 1, ModelConfig.MAX_DIM);
            int layers = f.integer("model.layers", 1, ModelConfig.MAX_LAYERS);
            int heads = f.integer("model.heads", 1, ModelConfig.MAX_HEADS);
            int refineDim = f.integer("model.refineDim", 1, ModelConfig.MAX_REFINE_DIM);
            float dropout = f.number("model.dropout", 0, 0.999f);
            model = new ModelConfig(variant, numItems, maxLen, dim, layers, heads, refineDim, dropout,
                    f.has("model.backbone") ? f.parsed("model.backbone", BackboneKind::parse, "a backbone")
                            : BackboneKind.SASREC,
                    f.has("model.attentionDropout") ? f.number("model.attentionDropout", 0, 0.999f) : dropout,
                    f.has("model.referenceMeanBug") && f.bool("model.referenceMeanBug"));
        } catch (IllegalArgumentException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        TrainingSettings settings;
        try {
            settings = new TrainingSettings(f.integer("training.epochs", 1, TrainingSettings.MAX_EPOCHS),
                    f.longInteger("training.seed"), f.parsed("training.loss", Loss::parse, "a loss"),
                    f.number("training.lr", Float.MIN_VALUE, TrainingSettings.MAX_LR),
                    f.integer("training.batch", 1, TrainingSettings.MAX_BATCH),
                    f.integer("training.patience", 1, TrainingSettings.MAX_EPOCHS),
                    f.has("training.pvnWeight") ? f.number("training.pvnWeight", 0, TrainingSettings.MAX_PVN_WEIGHT)
                            : TrainingSettings.DEFAULT_PVN_WEIGHT,
                    f.has("training.weightDecay")
                            ? f.number("training.weightDecay", 0, TrainingSettings.MAX_WEIGHT_DECAY) : 0f,
                    f.has("training.beta2") ? f.number("training.beta2", 0, TrainingSettings.MAX_BETA2) : TrainingSettings.BETA2,
                    f.has("training.init") ? f.parsed("training.init", awrsr.nn.Init::parse, "an init") : awrsr.nn.Init.XAVIER);
        } catch (IllegalArgumentException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        Fields fields = new Fields(f.string("dataset.name"), f.hex64("dataset.sha256"),
                f.has("dataset.source") ? f.string("dataset.source") : null,
                f.has("dataset.kcore") ? f.integer("dataset.kcore", 0, MAX_KCORE) : 0,
                f.integer("training.epochsRun", 0, TrainingSettings.MAX_EPOCHS),
                f.integer("training.bestEpoch", 0, TrainingSettings.MAX_EPOCHS), settings);
        if (json.has("metrics") && !json.get("metrics").isJsonObject()) {
            throw new IOException(configFile + ": field metrics must be an object");
        }
        Path itemsFile = folder.resolve(ITEMS);
        if (version >= 2) {
            verify(configFile, itemsFile, f.hex64("files.items.sha256"), "the item-id mapping");
        }
        Map.Entry<ItemIndex, ItemCatalog> items = readItems(itemsFile);
        if (items.getKey().size() != model.numItems()) {
            throw new IOException(itemsFile + ": lists " + items.getKey().size()
                    + " items but " + CONFIG + " says numItems = " + model.numItems());
        }
        for (String key : List.of("parameters", "optimizer")) {
            if (f.has("files." + key + ".name")) {
                arrayFileName(f, "files." + key + ".name");
            }
        }
        return new Checkpoint(folder, json, model, items.getKey(), items.getValue(), fields);
    }

    /** The largest k-core filter a checkpoint may record. */
    public static final int MAX_KCORE = 10_000;

    /** A file name config.json gives for an array file: a plain name of this program's pattern, in the folder. */
    private static String arrayFileName(JsonFields f, String field) throws IOException {
        String name = f.string(field);
        if (!ARRAY_FILE.matcher(name).matches()) {
            throw new IOException(f.file() + ": field " + field + " is " + Text.quote(name)
                    + ", not the name of an array file in this folder");
        }
        return name;
    }

    /** Text of a file that must be small and UTF-8, refused by size before it is read. */
    static String readText(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + ": " + size + " bytes, more than the " + maxBytes
                    + " such a file can have: not a file this program wrote");
        }
        try {
            return Text.strictUtf8().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
    }

    private static void verify(Path configFile, Path file, String expected, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (" + what + ", named by " + CONFIG + ")");
        }
        if (!expected.equals(Hashing.sha256(file))) {
            throw new IOException(file + ": checksum differs from " + configFile.getFileName()
                    + " (file damaged or replaced)");
        }
    }


    /** Loads the parameters onto {@code manager}'s device, checking file checksum, names and shapes. */
    public ParameterSet loadParameters(NDManager manager) throws IOException {
        Path file = referencedFile("parameters");
        try (InputStream in = Files.newInputStream(file)) {
            return ParameterSet.read(in, file.toString(), model, manager);
        }
    }

    /** The optimizer state saved with the parameters, its checksum verified; the trainer reads it. */
    public Path optimizerFile() throws IOException {
        return referencedFile("optimizer");
    }

    private Path referencedFile(String key) throws IOException {
        JsonObject files = json.getAsJsonObject("files");
        if (files == null || !files.has(key)) {
            throw new IOException(folder.resolve(CONFIG) + ": names no " + key + " file");
        }
        JsonFields f = new JsonFields(folder.resolve(CONFIG), json);
        Path file = folder.resolve(arrayFileName(f, "files." + key + ".name"));
        verify(folder.resolve(CONFIG), file, f.hex64("files." + key + ".sha256"), "the " + key);
        return file;
    }

    // ------------------------------------------------------------------ writing

    /** What a checkpoint says beyond its arrays. */
    public record Info(ModelConfig model, ItemIndex index, ItemCatalog catalog, String datasetName,
                       String datasetChecksum, String datasetSource, int datasetKcore, int datasetUsers,
                       long datasetInteractions, TrainingSettings settings, int epochsRun, int bestEpoch,
                       JsonObject metrics, JsonObject resumeState) {
        /** Without a resume state (training's random draws; see ModelTrainer). */
        public Info(ModelConfig model, ItemIndex index, ItemCatalog catalog, String datasetName,
                    String datasetChecksum, String datasetSource, int datasetKcore, int datasetUsers,
                    long datasetInteractions, TrainingSettings settings, int epochsRun, int bestEpoch,
                    JsonObject metrics) {
            this(model, index, catalog, datasetName, datasetChecksum, datasetSource, datasetKcore, datasetUsers,
                    datasetInteractions, settings, epochsRun, bestEpoch, metrics, null);
        }
    }

    /**
     * Writes a checkpoint into {@code folder}: the item mapping and new array files first, then
     * config.json naming them with their checksums, then removes the array files config.json no longer
     * names. The folder must be new, empty, or this program's ({@link #claimFolder}).
     *
     * @param optimizerState writes the optimizer's state for --resume; null: none
     */
    public static Checkpoint write(Path folder, Info info, ParameterSet params, AtomicFiles.Writer optimizerState)
            throws IOException {
        claimFolder(folder);
        removeStaleTemporaries(folder);
        JsonObject files = new JsonObject();
        AtomicFiles.writeString(folder.resolve(ITEMS), itemsTsv(info.index(), info.catalog()));
        files.add("items", fileEntry(folder, ITEMS));
        String tag = String.format("e%04d-%06d", info.epochsRun(), Math.floorMod(System.nanoTime(), 1_000_000));
        String paramsName = "params-" + tag + ".bin";
        AtomicFiles.write(folder.resolve(paramsName), out -> params.write(out, info.model()));
        files.add("parameters", fileEntry(folder, paramsName));
        if (optimizerState != null) {
            String optName = "optimizer-" + tag + ".bin";
            AtomicFiles.write(folder.resolve(optName), optimizerState);
            files.add("optimizer", fileEntry(folder, optName));
        }
        JsonObject json = toJson(info, files);
        AtomicFiles.writeString(folder.resolve(CONFIG), GSON.toJson(json));
        removeUnreferenced(folder, files);
        return read(folder);
    }

    /** Whether the checkpoint names an optimizer state, which {@code train --resume} needs. */
    public boolean hasOptimizerState() {
        JsonObject files = json.getAsJsonObject("files");
        return files != null && files.has("optimizer");
    }

    /**
     * Copies this checkpoint into the new or empty folder {@code to} without its optimizer state: the item
     * mapping and the parameters byte for byte (their checksums verified first), config.json as it is but for
     * the optimizer's entry, and the marker. The copy predicts, explains and evaluates as this one does; its
     * training cannot be resumed. Nothing is written when {@code to} is refused.
     */
    public Checkpoint copyWithoutOptimizerState(Path to) throws IOException {
        if (Files.exists(to.resolve(CONFIG))) {
            throw new IOException(to + ": already holds a checkpoint; give a new or empty folder (nothing was written)");
        }
        checkFolder(to);
        Path items = folder.resolve(ITEMS);
        JsonFields f = new JsonFields(folder.resolve(CONFIG), json);
        if (f.has("files.items.sha256")) {                    // format 1 did not checksum it
            verify(folder.resolve(CONFIG), items, f.hex64("files.items.sha256"), "the item-id mapping");
        }
        Path params = referencedFile("parameters");
        claimFolder(to);
        removeStaleTemporaries(to);
        AtomicFiles.write(to.resolve(ITEMS), out -> Files.copy(items, out));
        AtomicFiles.write(to.resolve(params.getFileName().toString()), out -> Files.copy(params, out));
        JsonObject copy = json.deepCopy();
        copy.getAsJsonObject("files").remove("optimizer");
        AtomicFiles.writeString(to.resolve(CONFIG), GSON.toJson(copy));
        removeUnreferenced(to, copy.getAsJsonObject("files"));
        return read(to);
    }

    /**
     * Refuses a folder that cannot hold this program's checkpoint, without writing anything: a file, a
     * folder that is not empty and neither carries the marker nor holds a checkpoint of this program, a
     * folder that is not writable, or a missing folder whose nearest existing parent is not a writable folder.
     */
    public static void checkFolder(Path folder) throws IOException {
        if (Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder)) {
            throw new IOException(folder + ": exists and is not a folder; give a new or empty folder");
        }
        if (Files.isDirectory(folder)) {
            if (!Files.exists(folder.resolve(MARKER))) {
                boolean empty;
                try (var entries = Files.list(folder)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !isCheckpoint(folder)) {
                    throw new IOException(folder + ": not empty and not a checkpoint folder of this program; "
                            + "give a new or empty folder (nothing was written)");
                }
            }
            if (!Files.isWritable(folder)) {
                throw new IOException(folder + ": not writable");
            }
            return;
        }
        Path parent = folder.toAbsolutePath().normalize().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IOException(folder + ": cannot be created (" + (parent == null ? "no parent folder"
                    : parent + " is not a writable folder") + ")");
        }
    }

    /** {@link #checkFolder}, and refuses a folder that already holds a checkpoint: a new training's output. */
    public static void checkNewFolder(Path folder) throws IOException {
        if (Files.exists(folder.resolve(CONFIG))) {
            throw new IOException(folder + ": already holds a checkpoint; continue it with --resume " + folder
                    + ", or give another folder");
        }
        checkFolder(folder);
    }

    /**
     * Makes sure {@code folder} may hold a checkpoint of this program ({@link #checkFolder}), creating it and
     * its marker if missing, so nothing of the user's is written over.
     */
    public static void claimFolder(Path folder) throws IOException {
        checkFolder(folder);
        Files.createDirectories(folder);
        if (!Files.exists(folder.resolve(MARKER))) {
            AtomicFiles.writeString(folder.resolve(MARKER),
                    "This folder holds an AWRSR Workbench checkpoint; the program manages the files in it.\n");
        }
    }

    /** Whether a folder holds a config.json this program can read as a checkpoint. */
    public static boolean isCheckpoint(Path folder) {
        try {
            read(folder);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Temporary files of this program's atomic writes that a killed process left behind. Only the writer
     * of a folder calls this (training holds the folder's {@link CheckpointLock}).
     */
    static void removeStaleTemporaries(Path folder) throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path p : dir) {
                if (OUR_TEMPORARY.matcher(p.getFileName().toString()).matches()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Rewrites config.json with new metrics, keeping the same array files. */
    public Checkpoint withMetrics(JsonObject metrics) throws IOException {
        JsonObject copy = json.deepCopy();
        copy.add("metrics", metrics);
        AtomicFiles.writeString(folder.resolve(CONFIG), GSON.toJson(copy));
        return read(folder);
    }

    private static JsonObject fileEntry(Path folder, String name) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("sha256", Hashing.sha256(folder.resolve(name)));
        return o;
    }

    private static JsonObject toJson(Info info, JsonObject files) {
        JsonObject root = new JsonObject();
        root.addProperty("formatVersion", FORMAT_VERSION);
        root.addProperty("created", Instant.now().toString());
        ModelConfig c = info.model();
        JsonObject m = new JsonObject();
        m.addProperty("backbone", c.backbone().id());
        m.addProperty("variant", c.variant().id());
        m.addProperty("numItems", c.numItems());
        m.addProperty("maxLen", c.maxLen());
        m.addProperty("dim", c.dim());
        m.addProperty("layers", c.layers());
        m.addProperty("heads", c.heads());
        m.addProperty("refineDim", c.refineDim());
        m.addProperty("dropout", c.dropout());
        m.addProperty("attentionDropout", c.attentionDropout());
        m.addProperty("referenceMeanBug", c.referenceMeanBug());
        root.add("model", m);
        JsonObject d = new JsonObject();
        d.addProperty("name", info.datasetName());
        d.addProperty("sha256", info.datasetChecksum());
        d.addProperty("users", info.datasetUsers());
        d.addProperty("interactions", info.datasetInteractions());
        d.addProperty("itemMapping", ITEMS);
        if (info.datasetSource() != null) {
            d.addProperty("source", info.datasetSource());
        }
        d.addProperty("kcore", info.datasetKcore());
        root.add("dataset", d);
        TrainingSettings s = info.settings();
        JsonObject t = new JsonObject();
        t.addProperty("loss", s.loss().id());
        t.addProperty("epochs", s.epochs());
        t.addProperty("seed", s.seed());
        t.addProperty("lr", s.learningRate());
        t.addProperty("beta1", TrainingSettings.BETA1);
        t.addProperty("beta2", s.beta2());
        t.addProperty("batch", s.batchSize());
        t.addProperty("patience", s.patience());
        t.addProperty("pvnWeight", s.pvnWeight());
        t.addProperty("weightDecay", s.weightDecay());
        t.addProperty("init", s.init().id());
        t.addProperty("epochsRun", info.epochsRun());
        t.addProperty("bestEpoch", info.bestEpoch());
        if (info.resumeState() != null) {
            t.add("resumeState", info.resumeState());
        }
        root.add("training", t);
        root.add("metrics", info.metrics() == null ? new JsonObject() : info.metrics());
        root.add("files", files);
        return root;
    }

    private static void removeUnreferenced(Path folder, JsonObject files) throws IOException {
        List<String> keep = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : files.entrySet()) {
            keep.add(e.getValue().getAsJsonObject().get("name").getAsString());
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "{params,optimizer}-*.bin")) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (ARRAY_FILE.matcher(name).matches() && !keep.contains(name)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (NoSuchFileException ignored) {
                        // already gone
                    }
                }
            }
        }
    }

    static String itemsTsv(ItemIndex index, ItemCatalog catalog) {
        StringBuilder sb = new StringBuilder("index\tid\ttitle\tyear\tgenres\n");
        for (int i = 1; i <= index.size(); i++) {
            Item item = catalog.get(index.idOf(i));
            sb.append(i).append('\t').append(item.id()).append('\t')
                    .append(item.title().replace('\t', ' ').replace('\n', ' ')).append('\t')
                    .append(item.year() == null ? "" : item.year().toString()).append('\t')
                    .append(String.join("|", item.genres())).append('\n');
        }
        return sb.toString();
    }

    private static Map.Entry<ItemIndex, ItemCatalog> readItems(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (the checkpoint's item-id mapping)");
        }
        if (Files.size(file) > MAX_ITEMS_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes, more than the " + MAX_ITEMS_BYTES
                    + " an item mapping can have");
        }
        List<Integer> ids = new ArrayList<>();
        Map<Integer, Item> items = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                Text.strictUtf8()))) {
            String line = reader.readLine();
            long number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 5) {
                    throw new IOException(file + ":" + number + ": expected 5 tab-separated columns (value: "
                            + Text.quote(line) + ")");
                }
                try {
                    int index = Integer.parseInt(f[0]);
                    if (index != ids.size() + 1) {
                        throw new IOException(file + ":" + number + ": index " + index + " out of order, expected "
                                + (ids.size() + 1));
                    }
                    int id = Integer.parseInt(f[1]);
                    ids.add(id);
                    Integer year = f[3].isEmpty() ? null : Integer.valueOf(f[3]);
                    items.put(id, new Item(id, f[2], year, f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split("\\|"))));
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + number + ": not a number in " + Text.quote(line), e);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        return Map.entry(new ItemIndex(ids.stream().mapToInt(Integer::intValue).toArray()), new ItemCatalog(items));
    }
}
