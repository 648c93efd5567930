package awrsr.train;

import ai.djl.ndarray.NDManager;
import awrsr.data.Item;
import awrsr.data.ItemCatalog;
import awrsr.nn.ItemIndex;
import awrsr.nn.ModelConfig;
import awrsr.nn.ParameterSet;
import awrsr.nn.Variant;
import awrsr.util.AtomicFiles;
import awrsr.util.Hashing;
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
 *   <li>{@code config.json}: format version, variant and dimensions, dataset name and checksum, training
 *       settings, metrics, and the names and SHA-256 of the parameter and optimizer files;</li>
 *   <li>{@code items.tsv}: the item-id mapping (model index, dataset id) with title, year and genres;</li>
 *   <li>{@code params-eNNNN.bin} and {@code optimizer-eNNNN.bin}: the arrays of epoch NNNN.</li>
 * </ul>
 * Every file is written atomically and config.json last, so it only ever names complete files: a
 * process killed at any moment leaves the previous checkpoint loadable.
 */
public final class Checkpoint {
    public static final int FORMAT_VERSION = 1;
    public static final String CONFIG = "config.json";
    public static final String ITEMS = "items.tsv";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private final Path folder;
    private final JsonObject json;
    private final ModelConfig model;
    private final ItemIndex index;
    private final ItemCatalog catalog;

    private Checkpoint(Path folder, JsonObject json, ModelConfig model, ItemIndex index, ItemCatalog catalog) {
        this.folder = folder;
        this.json = json;
        this.model = model;
        this.index = index;
        this.catalog = catalog;
    }

    public Path folder() { return folder; }
    public ModelConfig model() { return model; }
    public ItemIndex itemIndex() { return index; }
    /** Titles of the model's items, as the training data had them. */
    public ItemCatalog catalog() { return catalog; }
    /** The whole config.json (a copy). */
    public JsonObject json() { return json.deepCopy(); }

    public String datasetName() { return json.getAsJsonObject("dataset").get("name").getAsString(); }
    public String datasetChecksum() { return json.getAsJsonObject("dataset").get("sha256").getAsString(); }
    public int epochsRun() { return json.getAsJsonObject("training").get("epochsRun").getAsInt(); }
    public int bestEpoch() { return json.getAsJsonObject("training").get("bestEpoch").getAsInt(); }

    public TrainingSettings settings() {
        JsonObject t = json.getAsJsonObject("training");
        return new TrainingSettings(t.get("epochs").getAsInt(), t.get("seed").getAsLong(),
                Loss.parse(t.get("loss").getAsString()), t.get("lr").getAsFloat(), t.get("batch").getAsInt(),
                t.get("patience").getAsInt());
    }

    public JsonObject metrics() {
        return json.has("metrics") ? json.getAsJsonObject("metrics").deepCopy() : new JsonObject();
    }

    /** Reads config.json and items.tsv; parameters are read on demand by {@link #loadParameters}. */
    public static Checkpoint read(Path folder) throws IOException {
        Path configFile = folder.resolve(CONFIG);
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a checkpoint folder (no such folder)");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(folder + ": not a checkpoint folder (no " + CONFIG + ")");
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(configFile)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(configFile + ": not valid JSON: " + e.getMessage(), e);
        }
        try {
            int version = json.get("formatVersion").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(configFile + ": checkpoint format " + version
                        + ", this program reads format " + FORMAT_VERSION);
            }
            JsonObject m = json.getAsJsonObject("model");
            ModelConfig model = new ModelConfig(Variant.parse(m.get("variant").getAsString()),
                    m.get("numItems").getAsInt(), m.get("maxLen").getAsInt(), m.get("dim").getAsInt(),
                    m.get("layers").getAsInt(), m.get("heads").getAsInt(), m.get("refineDim").getAsInt(),
                    m.get("dropout").getAsFloat());
            Map.Entry<ItemIndex, ItemCatalog> items = readItems(folder.resolve(ITEMS));
            if (items.getKey().size() != model.numItems()) {
                throw new IOException(folder.resolve(ITEMS) + ": lists " + items.getKey().size()
                        + " items but " + CONFIG + " says numItems = " + model.numItems());
            }
            return new Checkpoint(folder, json, model, items.getKey(), items.getValue());
        } catch (NullPointerException | ClassCastException | IllegalStateException | IllegalArgumentException e) {
            throw new IOException(configFile + ": missing or invalid field: " + e.getMessage(), e);
        }
    }

    /** Loads the parameters onto {@code manager}'s device, checking file checksum, names and shapes. */
    public ParameterSet loadParameters(NDManager manager) throws IOException {
        Path file = referencedFile("parameters");
        try (InputStream in = Files.newInputStream(file)) {
            return ParameterSet.read(in, file.toString(), model, manager);
        }
    }

    /** Restores the optimizer moments saved with the parameters. */
    public void loadOptimizer(AdamOptimizer optimizer, ParameterSet params) throws IOException {
        Path file = referencedFile("optimizer");
        try (InputStream in = Files.newInputStream(file)) {
            optimizer.read(in, file.toString(), params);
        }
    }

    private Path referencedFile(String key) throws IOException {
        JsonObject files = json.getAsJsonObject("files");
        if (files == null || !files.has(key)) {
            throw new IOException(folder.resolve(CONFIG) + ": names no " + key + " file");
        }
        JsonObject entry = files.getAsJsonObject(key);
        Path file = folder.resolve(entry.get("name").getAsString());
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (named by " + CONFIG + ")");
        }
        String expected = entry.get("sha256").getAsString();
        String actual = Hashing.sha256(file);
        if (!expected.equals(actual)) {
            throw new IOException(file + ": checksum differs from " + CONFIG + " (file damaged or replaced)");
        }
        return file;
    }

    // ------------------------------------------------------------------ writing

    /** What a checkpoint says beyond its arrays. */
    public record Info(ModelConfig model, ItemIndex index, ItemCatalog catalog, String datasetName,
                       String datasetChecksum, int datasetUsers, long datasetInteractions,
                       TrainingSettings settings, int epochsRun, int bestEpoch, JsonObject metrics) {}

    /**
     * Writes a checkpoint into {@code folder}: new array files first, then config.json naming them,
     * then removes array files that config.json no longer names.
     */
    public static Checkpoint write(Path folder, Info info, ParameterSet params, AdamOptimizer optimizer)
            throws IOException {
        Files.createDirectories(folder);
        Path items = folder.resolve(ITEMS);
        if (!Files.exists(items)) {
            AtomicFiles.writeString(items, itemsTsv(info.index(), info.catalog()));
        }
        String tag = String.format("e%04d-%06d", info.epochsRun(), Math.floorMod(System.nanoTime(), 1_000_000));
        String paramsName = "params-" + tag + ".bin";
        AtomicFiles.write(folder.resolve(paramsName), params::write);
        JsonObject files = new JsonObject();
        files.add("parameters", fileEntry(folder, paramsName));
        if (optimizer != null) {
            String optName = "optimizer-" + tag + ".bin";
            AtomicFiles.write(folder.resolve(optName), optimizer::write);
            files.add("optimizer", fileEntry(folder, optName));
        }
        JsonObject json = toJson(info, files);
        AtomicFiles.writeString(folder.resolve(CONFIG), GSON.toJson(json));
        removeUnreferenced(folder, files);
        return read(folder);
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
        m.addProperty("variant", c.variant().id());
        m.addProperty("numItems", c.numItems());
        m.addProperty("maxLen", c.maxLen());
        m.addProperty("dim", c.dim());
        m.addProperty("layers", c.layers());
        m.addProperty("heads", c.heads());
        m.addProperty("refineDim", c.refineDim());
        m.addProperty("dropout", c.dropout());
        root.add("model", m);
        JsonObject d = new JsonObject();
        d.addProperty("name", info.datasetName());
        d.addProperty("sha256", info.datasetChecksum());
        d.addProperty("users", info.datasetUsers());
        d.addProperty("interactions", info.datasetInteractions());
        d.addProperty("itemMapping", ITEMS);
        root.add("dataset", d);
        TrainingSettings s = info.settings();
        JsonObject t = new JsonObject();
        t.addProperty("loss", s.loss().id());
        t.addProperty("epochs", s.epochs());
        t.addProperty("seed", s.seed());
        t.addProperty("lr", s.learningRate());
        t.addProperty("beta1", TrainingSettings.BETA1);
        t.addProperty("beta2", TrainingSettings.BETA2);
        t.addProperty("batch", s.batchSize());
        t.addProperty("patience", s.patience());
        t.addProperty("epochsRun", info.epochsRun());
        t.addProperty("bestEpoch", info.bestEpoch());
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
                if (!keep.contains(p.getFileName().toString())) {
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
        List<Integer> ids = new ArrayList<>();
        Map<Integer, Item> items = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            long number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 5) {
                    throw new IOException(file + ":" + number + ": expected 5 tab-separated columns (value: '" + line + "')");
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
                    throw new IOException(file + ":" + number + ": not a number in '" + line + "'", e);
                }
            }
        }
        return Map.entry(new ItemIndex(ids.stream().mapToInt(Integer::intValue).toArray()), new ItemCatalog(items));
    }
}
