package awrsr.app.view;

import awrsr.app.vm.SequenceRow;
import awrsr.app.vm.WorkbenchViewModel;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.textfield.AutoCompletionBinding;

import java.util.List;
import java.util.Locale;

/**
 * The history being edited: pick a user or start empty, add items by typing part of a title, remove,
 * replace, drag to reorder. Items outside the model's window are greyed and say so.
 */
public final class SequencePane extends VBox {
    private final WorkbenchViewModel vm;
    private final ListView<SequenceRow> list = new ListView<>();
    private final SearchableComboBox<int[]> users = new SearchableComboBox<>();
    private final TextField search = new TextField();
    private final Label summary = new Label();
    private WorkbenchViewModel.ItemChoice chosen;
    private boolean updatingUsers;

    public SequencePane(WorkbenchViewModel vm) {
        super(6);
        this.vm = vm;
        setPadding(new Insets(6));
        setPrefWidth(270);

        users.setId("user-picker");
        users.setPromptText("Pick a user…");
        users.setMaxWidth(Double.MAX_VALUE);
        // the text typed into the picker is matched against "User 73" alone: "73" then finds user 73 first,
        // not a user with 73 items; the list and the button show the counts
        users.setConverter(new StringConverter<>() {
            @Override public String toString(int[] u) { return u == null ? "" : "User " + u[0]; }
            @Override public int[] fromString(String s) { return null; }
        });
        users.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(int[] u, boolean empty) {
                super.updateItem(u, empty);
                setText(empty || u == null ? null : "User " + u[0] + " · " + u[1] + " items");
            }
        });
        ListCell<int[]> button = new ListCell<>() {
            @Override protected void updateItem(int[] u, boolean empty) {
                super.updateItem(u, empty);
                setText(vm.historyLabelProperty().get());         // "User 11, edited · 39 items"
            }
        };
        users.setButtonCell(button);
        vm.historyLabelProperty().addListener((o, a, b) -> button.setText(b));
        users.valueProperty().addListener((o, a, b) -> {
            if (b != null && !updatingUsers) {
                vm.loadUser(b[0]);
            }
        });
        vm.datasetProperty().addListener((o, a, b) -> {
            updatingUsers = true;
            users.setItems(FXCollections.observableArrayList(vm.users()));
            updatingUsers = false;
        });
        vm.currentUserProperty().addListener((o, a, b) -> {
            updatingUsers = true;
            users.setValue(b == null ? null : users.getItems().stream().filter(u -> u[0] == b).findFirst().orElse(null));
            updatingUsers = false;
        });
        Button empty = new Button("Empty");
        empty.setTooltip(new Tooltip("Start from an empty history"));
        empty.setOnAction(e -> vm.newEmpty());
        HBox userRow = new HBox(4, users, empty);
        HBox.setHgrow(users, Priority.ALWAYS);

        search.setId("item-search");
        search.setPromptText("Type part of a title to add…");
        AutoCompletionBinding<WorkbenchViewModel.ItemChoice> completion = Completions.bind(search,
                text -> vm.searchItems(text, 30), new StringConverter<>() {
                    @Override public String toString(WorkbenchViewModel.ItemChoice i) { return i == null ? "" : i.label(); }
                    @Override public WorkbenchViewModel.ItemChoice fromString(String s) { return null; }
                });
        completion.setVisibleRowCount(12);
        completion.setOnAutoCompleted(e -> chosen = e.getCompletion());
        search.textProperty().addListener((o, a, b) -> {
            if (chosen != null && !chosen.label().equals(b)) {
                chosen = null;
            }
        });
        Button add = new Button("Add");
        add.setId("add-item");
        add.setOnAction(e -> addChosen());
        search.setOnAction(e -> addChosen());
        Button replace = new Button("Replace");
        replace.setTooltip(new Tooltip("Replace the selected item by the one typed above"));
        replace.setOnAction(e -> {
            WorkbenchViewModel.ItemChoice item = resolve();
            int sel = list.getSelectionModel().getSelectedIndex();
            if (item != null && sel >= 0 && vm.replaceAt(sel, item.id())) {
                search.clear();
            }
        });
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        replace.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        empty.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox addRow = new HBox(4, search, add, replace);
        HBox.setHgrow(search, Priority.ALWAYS);

        list.setId("sequence-list");
        list.setItems(vm.sequence());
        vm.importanceProperty().addListener((o, a, b) -> list.refresh());
        list.setCellFactory(v -> new RowCell());
        list.setOnKeyPressed(e -> {
            int sel = list.getSelectionModel().getSelectedIndex();
            if (sel < 0) {
                return;
            }
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                vm.removeAt(sel);
                list.getSelectionModel().select(Math.min(sel, list.getItems().size() - 1));
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.UP && sel > 0) {
                vm.move(sel, sel - 1);
                list.getSelectionModel().select(sel - 1);
                e.consume();
            } else if (e.isAltDown() && e.getCode() == KeyCode.DOWN && sel < list.getItems().size() - 1) {
                vm.move(sel, sel + 1);
                list.getSelectionModel().select(sel + 1);
                e.consume();
            }
        });
        MenuItem remove = new MenuItem("Remove (Delete)");
        remove.setOnAction(e -> {
            int sel = list.getSelectionModel().getSelectedIndex();
            if (sel >= 0) {
                vm.removeAt(sel);
            }
        });
        MenuItem pin = new MenuItem("Pin as target");
        pin.setOnAction(e -> {
            SequenceRow row = list.getSelectionModel().getSelectedItem();
            if (row != null) {
                vm.pinnedProperty().set(row.item());
            }
        });
        list.setContextMenu(new ContextMenu(remove, pin));
        VBox.setVgrow(list, Priority.ALWAYS);

        summary.setWrapText(true);
        summary.setId("history-summary");
        vm.sequence().addListener((javafx.collections.ListChangeListener<SequenceRow>) c -> updateSummary());
        Label hint = new Label("Drag to reorder · Delete removes · Alt+↑/↓ moves");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        getChildren().addAll(new Label("History (oldest first)"), userRow, addRow, list, summary, hint);
    }

    public ListView<SequenceRow> list() {
        return list;
    }

    private WorkbenchViewModel.ItemChoice resolve() {
        if (chosen != null) {
            return chosen;
        }
        String text = search.getText().trim();
        if (text.startsWith("#")) {
            text = text.substring(1);
        }
        if (text.matches("\\d+")) {
            return vm.itemChoice(Integer.parseInt(text));
        }
        List<WorkbenchViewModel.ItemChoice> hits = vm.searchItems(text, 2);
        if (hits.size() != 1 && !text.isEmpty()) {
            vm.say(hits.isEmpty() ? "No item's title contains \"" + text + "\""
                    : "Several items match \"" + text + "\": pick one from the list, or type its #id");
        }
        return hits.size() == 1 ? hits.get(0) : null;
    }

    private void addChosen() {
        WorkbenchViewModel.ItemChoice item = resolve();
        if (item != null && vm.addItem(item.id())) {
            search.clear();
            chosen = null;
            list.scrollTo(list.getItems().size() - 1);
        }
    }

    private void updateSummary() {
        long outside = vm.sequence().stream().filter(r -> !r.inWindow()).count();
        summary.setText(String.format(Locale.ROOT, "%d items%s", vm.sequence().size(),
                outside > 0 ? " · the first " + outside + " are outside the model's window and not read" : ""));
    }

    private final class RowCell extends ListCell<SequenceRow> {
        RowCell() {
            setOnDragDetected(e -> {
                if (getItem() == null) {
                    return;
                }
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.putString(Integer.toString(getIndex()));
                db.setContent(content);
                e.consume();
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() != this && e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                boolean ok = false;
                if (e.getDragboard().hasString()) {
                    int from = Integer.parseInt(e.getDragboard().getString());
                    int to = getItem() == null ? list.getItems().size() - 1 : getIndex();
                    if (from != to && from >= 0 && to >= 0) {
                        vm.move(from, to);
                        list.getSelectionModel().select(to);
                        ok = true;
                    }
                }
                e.setDropCompleted(ok);
                e.consume();
            });
        }

        @Override
        protected void updateItem(SequenceRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                setOpacity(1);
                return;
            }
            Double loo = vm.importanceAt(row.position());
            // the importance first: the genres may be cut by a narrow list
            String more = (loo == null ? "" : String.format(java.util.Locale.ROOT, "leave-one-out %+.3f%s", loo,
                    row.genres().isEmpty() ? "" : " · ")) + row.genres();
            setText((row.position() + 1) + ". " + row.label() + (more.isEmpty() ? "" : "\n     " + more));
            setOpacity(row.inWindow() ? 1 : 0.45);
            setTooltip(new Tooltip(row.label() + " · item " + row.item()
                    + (row.inWindow() ? "" : "\nOutside the model's window: not read")));
        }
    }
}
