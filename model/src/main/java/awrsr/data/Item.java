package awrsr.data;

import java.util.List;

/** One item of a catalog, named by its id in the dataset (for MovieLens, the movieId). */
public record Item(int id, String title, Integer year, List<String> genres) {
    public Item {
        title = title == null ? "" : title;
        genres = genres == null ? List.of() : List.copyOf(genres);
    }

    /** A title for display: the dataset's title, or "item 123" when the dataset has none. */
    public String displayTitle() {
        return title.isBlank() ? "item " + id : title;
    }

    public static Item untitled(int id) {
        return new Item(id, "", null, List.of());
    }
}
