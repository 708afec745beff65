package org.modelstudio.core.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest {

    private static JsonFields read(String json) throws Exception {
        return JsonFields.root(new ObjectMapper().readTree(json));
    }

    private static String refusal(Executable check) {
        return assertThrows(SpecFormatException.class, check).getMessage();
    }

    @Test void everyRefusalNamesTheFieldByItsPathAndWhatWasFound() throws Exception {
        JsonFields runs = read("{\"runs\": [{\"epoch\": -1, \"id\": 7}, 3]}").array("runs");
        JsonFields first = runs.element(0, "core.spec.expected-run");
        assertEquals("runs[0].epoch: expected a whole number from 0, found -1", refusal(() -> first.whole("epoch", 10)));
        assertEquals("runs[0].id: expected text, found 7", refusal(() -> first.text("id")));
        assertEquals("runs[0].name: missing", refusal(() -> first.text("name")));
        assertEquals("runs[1]: expected a run object, found 3", refusal(() -> runs.element(1, "core.spec.expected-run")));
        assertTrue(refusal(() -> first.allowOnly("id")).startsWith("runs[0].epoch: unknown field; expected one of id"));
    }

    @Test void aNumberThatMayBeLeftOutReadsNullAsNaNAndTheInfinitiesFromText() throws Exception {
        JsonFields e = read("{\"a\": null, \"b\": \"Infinity\", \"c\": \"-Infinity\", \"d\": 0.5, \"e\": \"high\"}");
        assertTrue(Double.isNaN(e.numberOrNaN("a")));
        assertTrue(Double.isNaN(e.numberOrNaN("missing")));
        assertEquals(Double.POSITIVE_INFINITY, e.numberOrNaN("b"));
        assertEquals(Double.NEGATIVE_INFINITY, e.numberOrNaN("c"));
        assertEquals(0.5, e.numberOrNaN("d"));
        assertEquals("e: expected a number, found \"high\"", refusal(() -> e.numberOrNaN("e")));
        assertEquals("a: missing", refusal(() -> e.number("a")), "a required number is not left out");
    }

    @Test void aLongValueIsShownShortened() throws Exception {
        JsonFields n = read("{\"x\": \"" + "y".repeat(60) + "\"}");
        assertEquals("x: expected a number, found \"" + "y".repeat(36) + "...", refusal(() -> n.number("x")));
    }
}
