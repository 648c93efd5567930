import awrsr.app.io.LessonStore;
import awrsr.app.io.SessionStore;
import awrsr.data.Dataset;
import awrsr.data.LeaveOneOutSplit;
import awrsr.data.ToyWorlds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the toy worlds' lessons (run by scripts/toy-models.sh after it trained the models): for each world,
 * one user's test history with its true next item pinned, shown by the model after 1, 5 and 60 epochs, the
 * layer and head where the rule shows, and a note saying what to look for.
 */
public class ToyLessons {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        for (ToyWorlds.World w : ToyWorlds.World.values()) {
            Dataset data = ToyWorlds.load(w);
            LeaveOneOutSplit split = new LeaveOneOutSplit(data);
            int row = 0;
            List<Integer> history = Arrays.stream(split.testInput(row)).boxed().toList();
            int target = split.testTarget(row);
            String name = w.id().substring("toy-".length());
            String look = switch (w) {
                case SHIFT -> "Row t of W should read column t − 2: the item three steps before the next one.";
                case GENRES -> "Rows should read the item two steps back: the genre the next item comes from.";
                case COPY -> "In the second half, rows should read the item after the current item's first "
                        + "occurrence: A finds the occurrence, R·A moves one step on.";
            };
            List<LessonStore.Scene> scenes = new ArrayList<>();
            int[][] stages = {{1, 0}, {5, 0}, {60, 0}, {60, 1}};
            for (int[] stage : stages) {
                int epochs = stage[0];
                int layer = stage[1];
                String model = "assets/models/toy-" + name + "-e" + String.format("%02d", epochs);
                SessionStore.Session s = new SessionStore.Session(model, w.id(), data.userId(row), history, target,
                        layer, 0, 10, false, "Refined W", false, 1.0, null);      // W alone and large, no importance bars, one colour scale 0-1 for every scene
                String title = (epochs == 1 ? "After 1 epoch" : "After " + epochs + " epochs")
                        + (layer > 0 ? ", layer " + (layer + 1) : "");
                String note = epochs == 1 ? "The rule: " + w.rule() + " Nothing learnt yet: attention is spread out."
                        : epochs == 5 ? "The rule starts to show. " + look
                        : layer == 0 ? "Trained: " + look + " The pinned item is the true next one."
                        : "The second layer: what it reads once the first has mixed the items.";
                scenes.add(new LessonStore.Scene(title, note, s));
            }
            LessonStore.write(folder.resolve(w.id() + ".awrsr-lesson"),
                    new LessonStore.Lesson("Toy world: " + name, scenes));
        }
    }
}
