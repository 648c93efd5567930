package awrsr.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Maps dataset item ids to the model's indices 1..V (0 is padding) and back. */
public final class ItemIndex {
    private final int[] ids;          // ids[index - 1] = dataset id
    private final Map<Integer, Integer> index = new HashMap<>();

    /** @param datasetIds distinct dataset ids; index i+1 is given to datasetIds[i] */
    public ItemIndex(int[] datasetIds) {
        this.ids = datasetIds.clone();
        for (int i = 0; i < ids.length; i++) {
            if (index.put(ids[i], i + 1) != null) {
                throw new IllegalArgumentException("item id " + ids[i] + " appears twice in the item index");
            }
        }
    }

    public int size() {
        return ids.length;
    }

    /** The model index of a dataset id, or 0 when the model does not know the item. */
    public int indexOf(int datasetId) {
        return index.getOrDefault(datasetId, 0);
    }

    public boolean contains(int datasetId) {
        return index.containsKey(datasetId);
    }

    public int idOf(int modelIndex) {
        if (modelIndex < 1 || modelIndex > ids.length) {
            throw new IndexOutOfBoundsException("model index " + modelIndex + " outside 1.." + ids.length);
        }
        return ids[modelIndex - 1];
    }

    public int[] ids() {
        return ids.clone();
    }

    /** Maps a sequence of dataset ids to model indices; unknown ids map to 0. */
    public int[] toIndices(int[] datasetIds) {
        int[] out = new int[datasetIds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(datasetIds[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemIndex other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    /**
     * The model indices of every id in a history that the model knows: the items a ranking leaves out as
     * already seen. Prediction and evaluation both use this rule, over the whole history, not only the
     * part inside the model's window.
     */
    public java.util.BitSet seen(int[] historyIds) {
        java.util.BitSet seen = new java.util.BitSet(size() + 1);
        for (int id : historyIds) {
            int i = indexOf(id);
            if (i > 0) {
                seen.set(i);
            }
        }
        return seen;
    }
}
