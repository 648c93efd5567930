package awrsr.app.view;

import awrsr.app.io.LessonStore;
import awrsr.app.vm.LessonViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Prepare a lesson: its scenes in order (a scene is what the Explore tab shows when it is added), each with a
 * title and a note for the class; add, reorder, edit, remove and show them. In presentation mode Page Down and
 * Page Up step through them.
 */
public final class LessonPane extends BorderPane {
    private final ListView<LessonStore.Scene> list = new ListView<>();

    public LessonPane(LessonViewModel vm, Runnable toExplore) {
        getStyleClass().add("lesson-pane");
        TextField title = new TextField();
        title.setId("lesson-title");
        title.setPromptText("Lesson title");
        title.textProperty().bindBidirectional(vm.titleProperty());

        list.setId("lesson-scenes");
        list.setItems(vm.scenes());
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(LessonStore.Scene s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (getIndex() + 1) + ". " + (s.title().isBlank() ? "(untitled)" : s.title())
                        + " · " + s.session().items().size() + " items, L" + (s.session().layer() + 1) + " H"
                        + (s.session().head() + 1));
            }
        });
        vm.currentProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && b.intValue() < vm.scenes().size()) {
                list.getSelectionModel().select(b.intValue());
            }
        });

        TextField sceneTitle = new TextField();
        sceneTitle.setId("scene-title");
        sceneTitle.setPromptText("Scene title");
        TextArea note = new TextArea();
        note.setId("scene-note");
        note.setPromptText("A note for the class, shown above the maps with the scene");
        note.setWrapText(true);
        note.setPrefRowCount(4);
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            sceneTitle.setText(i >= 0 && i < vm.scenes().size() ? vm.scenes().get(i).title() : "");
            note.setText(i >= 0 && i < vm.scenes().size() ? vm.scenes().get(i).note() : "");
        });
        Button apply = new Button("Apply text");
        apply.setId("scene-apply");
        apply.setOnAction(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            vm.edit(i, sceneTitle.getText(), note.getText());
            list.getSelectionModel().select(i);
        });

        Button add = new Button("Add the Explore view");
        add.setId("scene-add");
        add.setOnAction(e -> vm.addCurrentView(sceneTitle.getText(), note.getText()));
        Button show = new Button("Show");
        show.setId("scene-show");
        show.setOnAction(e -> {
            vm.show(list.getSelectionModel().getSelectedIndex());
            toExplore.run();
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                show.fire();
            }
        });
        Button up = new Button("Up");
        up.setId("scene-up");
        up.setOnAction(e -> vm.move(list.getSelectionModel().getSelectedIndex(), -1));
        Button down = new Button("Down");
        down.setId("scene-down");
        down.setOnAction(e -> vm.move(list.getSelectionModel().getSelectedIndex(), +1));
        Button remove = new Button("Remove");
        remove.setId("scene-remove");
        remove.setOnAction(e -> vm.remove(list.getSelectionModel().getSelectedIndex()));
        for (Button b : new Button[] {show, up, down, remove, apply}) {
            b.disableProperty().bind(list.getSelectionModel().selectedIndexProperty().lessThan(0));
        }

        Label help = new Label("A scene is the Explore tab as it is when you add it: model, data, history, target, "
                + "layer and head. Save the lesson with Lesson → Save lesson…; in presentation mode (F5) Page Down "
                + "and Page Up step through the scenes.");
        help.setWrapText(true);
        help.getStyleClass().add("note");
        VBox editor = new VBox(6, new Label("Scene"), sceneTitle, note, new HBox(6, apply, add));
        VBox.setVgrow(note, Priority.ALWAYS);
        editor.setPrefWidth(360);
        VBox left = new VBox(6, title, list, new HBox(6, show, up, down, remove));
        VBox.setVgrow(list, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        setTop(help);
        setCenter(new HBox(12, left, editor));
        setPadding(new Insets(8));
        BorderPane.setMargin(help, new Insets(0, 0, 8, 0));
    }

    public ListView<LessonStore.Scene> list() {
        return list;
    }
}
