package awrsr.app.vm;

import org.junit.jupiter.api.Test;

import java.util.List;

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
    void positionsOutsideTheSequenceAreRefused() {
        SequenceEditor e = new SequenceEditor();
        e.add(3);
        assertThrows(IndexOutOfBoundsException.class, () -> e.remove(1));
        assertThrows(IndexOutOfBoundsException.class, () -> e.insert(3, 1));
        assertEquals(List.of(3), e.items());
    }
}
