package org.modelstudio.core.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassMatchingTest {
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    @Test void foldersNamedAsAFileSystemAllowsMatchTheLabelsTheyStandFor() {
        ClassMatching.Match m = ClassMatching.match(FASHION, List.of("ankle_boot", "bag", "coat", "dress", "pullover", "sandal", "shirt",
                "sneaker", "t-shirt_top", "trouser"));
        assertTrue(m.matched(), m.problem());
        assertArrayEquals(new int[] {9, 8, 4, 3, 2, 5, 6, 7, 0, 1}, m.map());
        assertTrue(m.loose().contains("t-shirt_top → T-shirt/top"), m.loose().toString());
        assertTrue(m.loose().contains("ankle_boot → Ankle boot"), m.loose().toString());
        assertEquals(10, m.loose().size());
    }

    @Test void exactNamesWinAndFullWidthFormsAndSpacesDoNotCount() {
        ClassMatching.Match m = ClassMatching.match(List.of("cat", "dog", "猫"), List.of("dog", "ＣＡＴ", " 猫 "));
        assertTrue(m.matched(), m.problem());
        assertArrayEquals(new int[] {1, 0, 2}, m.map());
        assertEquals(List.of("ＣＡＴ → cat", " 猫  → 猫"), m.loose());
        assertEquals("tshirttop", ClassMatching.key("T-Shirt / Top"));
    }

    @Test void anUnknownClassIsNamedWithTheModelsClasses() {
        ClassMatching.Match m = ClassMatching.match(List.of("cat", "dog"), List.of("cat", "horse"));
        assertFalse(m.matched());
        assertEquals("The data has a class \"horse\" that the model does not know. The model's classes are: cat, dog.", m.problem());
    }

    @Test void aNameThatCouldBeTwoLabelsIsAmbiguousAndAnAnswerSettlesIt() {
        List<String> labels = List.of("T-shirt", "T shirt", "Coat");
        ClassMatching.Match m = ClassMatching.match(labels, List.of("t_shirt", "coat"));
        assertFalse(m.matched());
        assertEquals("The data's class \"t_shirt\" could be the model's \"T-shirt\" or \"T shirt\": rename it to one of them.", m.problem());
        assertEquals(Map.of("t_shirt", List.of("T-shirt", "T shirt")), m.ambiguous());
        ClassMatching.Match answered = ClassMatching.match(labels, List.of("t_shirt", "coat"), Map.of("t_shirt", "T shirt"));
        assertTrue(answered.matched(), answered.problem());
        assertArrayEquals(new int[] {1, 2}, answered.map());
    }

    @Test void twoNamesOnOneLabelAreAmbiguous() {
        ClassMatching.Match m = ClassMatching.match(List.of("Ankle boot", "Bag"), List.of("ankle-boot", "ankle_boot", "bag"));
        assertFalse(m.matched());
        assertEquals("The data's classes \"ankle-boot\" and \"ankle_boot\" both match the model's \"Ankle boot\": rename one of them.", m.problem());
    }
}
