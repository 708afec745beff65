package org.modelstudio.ui.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.project.DataSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project around the network: one change counter for every change, and unsaved work as the file sees it. */
class ProjectDocumentTest {

    @Test void everyChangeOfTheProjectCountsOnceAndIsUnsavedUntilSaved(@TempDir Path dir) throws Exception {
        ModelViewModel editor = new ModelViewModel(SampleData.specs(), LayerCatalogue.standard());
        ProjectDocument doc = new ProjectDocument(editor);
        long start = doc.revisionProperty().get();
        assertFalse(doc.dirtyProperty().get());

        editor.add("dropout");
        assertEquals(start + 1, doc.revisionProperty().get(), "an edit of the network");
        editor.undo();
        assertEquals(start + 2, doc.revisionProperty().get(), "its undo");
        assertFalse(doc.dirtyProperty().get(), "undone back to what was opened: nothing to save");

        doc.setDataSource(new DataSource.TableFile(dir.resolve("iris.csv").toString(), "species"));
        assertEquals(start + 3, doc.revisionProperty().get(), "the data the project trains on");
        assertTrue(doc.dirtyProperty().get());
        doc.setDataSource(doc.dataSourceProperty().get());
        assertEquals(start + 3, doc.revisionProperty().get(), "the same source again is no change");

        doc.setAugmentation(Augmentation.TYPICAL);
        assertEquals(start + 4, doc.revisionProperty().get(), "how images are augmented");

        Path file = dir.resolve("mine.msproj");
        doc.saveTo(file);
        assertFalse(doc.dirtyProperty().get());
        assertEquals(file, doc.fileProperty().get());

        ProjectDocument reopened = new ProjectDocument(new ModelViewModel(SampleData.specs(), LayerCatalogue.standard()));
        reopened.open(file);
        assertEquals(doc.project(), reopened.project(), "what was saved is what opens");
        assertFalse(reopened.dirtyProperty().get());
    }
}
