package awrsr.app.vm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Any sequence of edits, undos and redos keeps the editor consistent with a model of its history: undo
 * returns exactly the previous state, redo the next one, and a new edit drops the redo branch.
 */
class SequenceEditorProperties {
    /** kind 0 insert, 1 remove, 2 move, 3 replace, 4 load, 5 undo, 6 redo; a and b pick positions and items. */
    record Op(int kind, int a, int b) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void undoAndRedoWalkTheHistoryExactly(@ForAll("ops") List<Op> ops) {
        SequenceEditor e = new SequenceEditor();
        List<List<Integer>> states = new ArrayList<>();
        states.add(List.of());
        int cursor = 0;
        for (Op op : ops) {
            int size = e.size();
            boolean edited = true;
            switch (op.kind()) {
                case 0 -> e.insert(op.a() % (size + 1), op.b() % 50);
                case 1 -> {
                    if (size == 0) {
                        continue;
                    }
                    e.remove(op.a() % size);
                }
                case 2 -> {
                    if (size < 2 || op.a() % size == op.b() % size) {
                        continue;
                    }
                    e.move(op.a() % size, op.b() % size);
                }
                case 3 -> {
                    if (size == 0 || e.items().get(op.a() % size) == op.b() % 50) {
                        continue;
                    }
                    e.replace(op.a() % size, op.b() % 50);
                }
                case 4 -> e.load(List.of(op.a() % 50, op.b() % 50), "load");
                case 5 -> {
                    edited = false;
                    assertEquals(cursor > 0, e.undo());
                    cursor = Math.max(0, cursor - 1);
                }
                default -> {
                    edited = false;
                    assertEquals(cursor < states.size() - 1, e.redo());
                    cursor = Math.min(states.size() - 1, cursor + 1);
                }
            }
            if (edited) {
                states.subList(cursor + 1, states.size()).clear();
                states.add(List.copyOf(e.items()));
                cursor++;
            }
            assertEquals(states.get(cursor), e.items());
            assertEquals(cursor > 0, e.canUndo());
            assertEquals(cursor < states.size() - 1, e.canRedo());
        }
    }
}
