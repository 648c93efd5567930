package awrsr.app.vm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequenceEditorTest {
    @Test
    void everyEditUndoesAndRedoesExactly() {
        SequenceEditor e = new SequenceEditor();
        e.load(List.of(1, 2, 3, 4), "start");
        e.add(5);
        e.insert(0, 9);
        e.remove(2);
        e.move(0, 3);
        e.replace(1, 7);
        List<Integer> end = List.copyOf(e.items());
        assertEquals(List.of(1, 7, 4, 9, 5), end);
        for (int i = 0; i < 6; i++) {
            e.undo();
        }
        assertEquals(List.of(), e.items());
        assertFalse(e.undo());
        for (int i = 0; i < 6; i++) {
            e.redo();
        }
        assertEquals(end, e.items());
    }

    @Test
    void randomEditUndoRedoSequencesKeepTheHistoryConsistent() {
        Random random = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            SequenceEditor e = new SequenceEditor();
            List<List<Integer>> states = new ArrayList<>();
            states.add(List.copyOf(e.items()));
            int cursor = 0;
            for (int step = 0; step < 40; step++) {
                int op = random.nextInt(7);
                int size = e.size();
                if (op == 0 || size == 0) {
                    e.insert(random.nextInt(size + 1), random.nextInt(50));
                } else if (op == 1) {
                    e.remove(random.nextInt(size));
                } else if (op == 2) {
                    int from = random.nextInt(size);
                    int to = random.nextInt(size);
                    if (from == to) {
                        continue;
                    }
                    e.move(from, to);
                } else if (op == 3) {
                    int at = random.nextInt(size);
                    int item = random.nextInt(50);
                    if (e.items().get(at) == item) {
                        continue;
                    }
                    e.replace(at, item);
                } else if (op == 4 && cursor > 0) {
                    e.undo();
                    cursor--;
                    assertEquals(states.get(cursor), e.items());
                    continue;
                } else if (op == 5 && cursor < states.size() - 1) {
                    e.redo();
                    cursor++;
                    assertEquals(states.get(cursor), e.items());
                    continue;
                } else {
                    continue;
                }
                while (states.size() > cursor + 1) {
                    states.remove(states.size() - 1);
                }
                states.add(List.copyOf(e.items()));
                cursor++;
            }
        }
    }

    @Test
    void positionsOutsideTheSequenceAreRefused() {
        SequenceEditor e = new SequenceEditor();
        e.add(3);
        assertThrows(IndexOutOfBoundsException.class, () -> e.remove(1));
        assertThrows(IndexOutOfBoundsException.class, () -> e.insert(3, 1));
        assertEquals(List.of(3), e.items());
    }
}
