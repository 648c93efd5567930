package awrsr.app.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The edited history (dataset item ids, oldest first) with undo and redo. Every change is an {@link Edit}
 * that knows how to apply and revert itself, so undo restores exactly the previous sequence.
 * Not thread-safe: used from the FX thread only.
 */
public final class SequenceEditor {
    /** One reversible change. */
    public interface Edit {
        void apply(List<Integer> items);

        void revert(List<Integer> items);

        String describe();
    }

    private final List<Integer> items = new ArrayList<>();
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new ArrayList<>();

    public List<Integer> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public String undoDescription() {
        return undo.isEmpty() ? "" : undo.peek().describe();
    }

    public String redoDescription() {
        return redo.isEmpty() ? "" : redo.peek().describe();
    }

    public void apply(Edit edit) {
        edit.apply(items);
        undo.push(edit);
        redo.clear();
        fire();
    }

    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        Edit e = undo.pop();
        e.revert(items);
        redo.push(e);
        fire();
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        Edit e = redo.pop();
        e.apply(items);
        undo.push(e);
        fire();
        return true;
    }

    // ---------------------------------------------------------------- the edits a user makes

    public void add(int item) {
        insert(items.size(), item);
    }

    public void insert(int index, int item) {
        checkIndex(index, items.size() + 1);
        apply(new Edit() {
            public void apply(List<Integer> l) { l.add(index, item); }
            public void revert(List<Integer> l) { l.remove(index); }
            public String describe() { return "add item " + item; }
        });
    }

    public void remove(int index) {
        checkIndex(index, items.size());
        int item = items.get(index);
        apply(new Edit() {
            public void apply(List<Integer> l) { l.remove(index); }
            public void revert(List<Integer> l) { l.add(index, item); }
            public String describe() { return "remove item " + item; }
        });
    }

    public void move(int from, int to) {
        checkIndex(from, items.size());
        checkIndex(to, items.size());
        if (from == to) {
            return;
        }
        apply(new Edit() {
            public void apply(List<Integer> l) { l.add(to, l.remove(from)); }
            public void revert(List<Integer> l) { l.add(from, l.remove(to)); }
            public String describe() { return "move item " + items.get(from) + " to position " + (to + 1); }
        });
    }

    public void replace(int index, int item) {
        checkIndex(index, items.size());
        int old = items.get(index);
        if (old == item) {
            return;
        }
        apply(new Edit() {
            public void apply(List<Integer> l) { l.set(index, item); }
            public void revert(List<Integer> l) { l.set(index, old); }
            public String describe() { return "replace item " + old + " by " + item; }
        });
    }

    /** Replaces the whole sequence (e.g. another user's history); undoable like any edit. */
    public void load(List<Integer> sequence, String what) {
        List<Integer> before = List.copyOf(items);
        List<Integer> after = List.copyOf(sequence);
        apply(new Edit() {
            public void apply(List<Integer> l) { l.clear(); l.addAll(after); }
            public void revert(List<Integer> l) { l.clear(); l.addAll(before); }
            public String describe() { return what; }
        });
    }

    private static void checkIndex(int index, int bound) {
        if (index < 0 || index >= bound) {
            throw new IndexOutOfBoundsException("position " + index + " outside 0.." + (bound - 1));
        }
    }

    private void fire() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
