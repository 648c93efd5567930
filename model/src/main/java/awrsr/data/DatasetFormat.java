package awrsr.data;

/** The interaction-file layouts the loader understands; see {@link DatasetLoader} for detection. */
public enum DatasetFormat {
    /** The shipped MovieLens files: ratings.csv[.gz] (userId,movieId,rating,timestamp) + movies.tsv[.gz]. */
    MOVIELENS_TSV,
    /** GroupLens ml-latest / ml-latest-small: ratings.csv + movies.csv (quoted titles with commas). */
    MOVIELENS_LATEST,
    /** MovieLens 1M / 10M: ratings.dat + movies.dat, "::"-separated, Latin-1 titles. */
    MOVIELENS_DAT,
    /** MovieLens 100K: u.data (tab-separated) + u.item (pipe-separated, Latin-1, genre flags). */
    MOVIELENS_100K,
    /** Any CSV/TSV of user,item,timestamp, with an optional items file of item,title[,year[,genres]]. */
    GENERIC,
    /**
     * The S3-Rec / STOSA sequence file (Beauty.txt): one line per user, {@code user item1 item2 ...},
     * space-separated, items in chronological order, no timestamps. The k-th item of a line is given
     * time k, so the order of the line is kept.
     */
    SEQUENCES
}
