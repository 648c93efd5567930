package awrsr.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small generated datasets with rules a class can guess, for teaching: each is made from a fixed seed, so the
 * name alone ("toy-shift") gives the same interactions and item titles everywhere, and a model trained on it
 * reopens with its data. Each trains in well under a minute on two cores.
 */
public final class ToyWorlds {
    private ToyWorlds() {}

    /** Sequences per world: 600 users, a test and a validation target each. */
    static final int USERS = 600;
    static final long SEED = 20241014L;

    public enum World {
        /** x_t = x_{t-3} + 1 over 40 items (wrapping): attention should read three steps back. */
        SHIFT("toy-shift", "The next item is the one three steps back, plus one (items 1-40, wrapping)."),
        /**
         * Eight genres of five items; each user alternates between two genres, any item of the genre: the next
         * item's genre is the genre two steps back.
         */
        GENRES("toy-genres", "Each user alternates between two genres: the next item is from the genre two steps "
                + "back (any of its five items)."),
        /**
         * A random phrase of 6 items from 60, then the phrase again: once it repeats, the next item is the one
         * that followed the current item's earlier occurrence. Finding it takes two hops (where did this item
         * occur before? what came after it?): attention to attention.
         */
        COPY("toy-copy", "Each user plays a phrase of six items and repeats it: the next item is the one that "
                + "followed the current item when it last occurred (two hops: attention to attention).");

        private final String id;
        private final String rule;

        World(String id, String rule) {
            this.id = id;
            this.rule = rule;
        }

        public String id() { return id; }
        /** The rule, in words, for the lesson and the Train tab. */
        public String rule() { return rule; }
    }

    /**
     * Whether {@code next} is what the world's rule says follows {@code history} (ids, oldest first): for
     * the genre world any item of the right genre; for the copy world only once the phrase repeats (before
     * that, null: the rule says nothing).
     */
    public static Boolean follows(World w, int[] history, int next) {
        int n = history.length;
        switch (w) {
            case SHIFT -> {
                return n < 3 ? null : next == history[n - 3] % 40 + 1;
            }
            case GENRES -> {
                return n < 2 ? null : (next - 1) / 5 == (history[n - 2] - 1) / 5;
            }
            case COPY -> {
                for (int k = n - 2; k >= 0; k--) {
                    if (history[k] == history[n - 1]) {
                        return next == history[k + 1];
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException(w.toString());
        }
    }

    /** The world named by a data spec ("toy-shift"), or null. */
    public static World named(String spec) {
        for (World w : World.values()) {
            if (w.id().equalsIgnoreCase(spec.trim())) {
                return w;
            }
        }
        return null;
    }

    public static Dataset load(World w) throws IOException {
        StringBuilder interactions = new StringBuilder("user,item,timestamp\n");
        Random random = new Random(SEED + w.ordinal());
        for (int u = 1; u <= USERS; u++) {
            int[] seq = sequence(w, random);
            for (int t = 0; t < seq.length; t++) {
                interactions.append(u).append(',').append(seq[t]).append(',').append(t).append('\n');
            }
        }
        return DatasetLoader.read(w.id(), DatasetFormat.GENERIC, text(w.id() + "/interactions.csv", interactions),
                text(w.id() + "/items.csv", items(w))).withSource(w.id());
    }

    static int[] sequence(World w, Random random) {
        switch (w) {
            case SHIFT -> {
                int n = 12 + random.nextInt(9);
                int[] s = new int[n];
                for (int t = 0; t < n; t++) {
                    s[t] = t < 3 ? 1 + random.nextInt(40) : s[t - 3] % 40 + 1;
                }
                return s;
            }
            case GENRES -> {
                int n = 12 + random.nextInt(9);
                int g1 = random.nextInt(8);
                int g2 = (g1 + 1 + random.nextInt(7)) % 8;
                int[] s = new int[n];
                for (int t = 0; t < n; t++) {
                    s[t] = (t % 2 == 0 ? g1 : g2) * 5 + 1 + random.nextInt(5);
                }
                return s;
            }
            case COPY -> {
                List<Integer> pool = new ArrayList<>();
                for (int i = 1; i <= 60; i++) {
                    pool.add(i);
                }
                java.util.Collections.shuffle(pool, random);
                int[] s = new int[12];
                for (int t = 0; t < 6; t++) {
                    s[t] = pool.get(t);
                    s[t + 6] = pool.get(t);
                }
                return s;
            }
            default -> throw new IllegalStateException(w.toString());
        }
    }

    private static final String[] GENRE_NAMES = {"Jazz", "Rock", "Folk", "Soul", "Punk", "Funk", "Blues", "Disco"};
    private static final String[] WORDS = {"apple", "brick", "cloud", "drum", "eagle", "fern", "glass", "harp", "iris",
            "jade", "kite", "lamp", "moss", "nest", "oak", "pearl", "quill", "reed", "sail", "tide", "urn", "vine",
            "wave", "yarn", "zinc", "amber", "birch", "coral", "dune", "ember", "flint", "grove", "hazel", "ivory",
            "jet", "kelp", "lilac", "maple", "nickel", "olive", "pine", "quartz", "ruby", "sage", "tulip", "umber",
            "violet", "willow", "xenon", "yew", "zephyr", "acorn", "basil", "cedar", "daisy", "elm", "fig", "ginger",
            "holly", "indigo"};

    private static StringBuilder items(World w) {
        StringBuilder sb = new StringBuilder("item,title,year,genres\n");
        switch (w) {
            case SHIFT -> {
                for (int i = 1; i <= 40; i++) {
                    sb.append(i).append(",item ").append(String.format(Locale.ROOT, "%02d", i)).append(",,\n");
                }
            }
            case GENRES -> {
                for (int i = 1; i <= 40; i++) {
                    String g = GENRE_NAMES[(i - 1) / 5];
                    sb.append(i).append(',').append(g).append(" #").append((i - 1) % 5 + 1).append(",,").append(g).append('\n');
                }
            }
            case COPY -> {
                for (int i = 1; i <= 60; i++) {
                    sb.append(i).append(',').append(WORDS[i - 1]).append(",,\n");
                }
            }
            default -> throw new IllegalStateException(w.toString());
        }
        return sb;
    }

    private static DataSource text(String name, CharSequence content) {
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
        return new DataSource() {
            @Override public String name() { return name; }
            @Override public InputStream openRaw() { return new ByteArrayInputStream(bytes); }
        };
    }
}
