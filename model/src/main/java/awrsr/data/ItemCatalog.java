package awrsr.data;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Titles, years and genres by dataset item id. Items without metadata get an untitled entry on demand. */
public final class ItemCatalog {
    private final Map<Integer, Item> items;

    public ItemCatalog(Map<Integer, Item> items) {
        this.items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    public static ItemCatalog empty() {
        return new ItemCatalog(Map.of());
    }

    public Item get(int id) {
        Item item = items.get(id);
        return item != null ? item : Item.untitled(id);
    }

    public boolean contains(int id) {
        return items.containsKey(id);
    }

    public Collection<Item> items() {
        return items.values();
    }

    public int size() {
        return items.size();
    }
}
