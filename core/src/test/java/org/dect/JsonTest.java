package org.dect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** What Json writes, read back by Jackson: the same tree, value for value. */
class JsonTest {

    @Test
    void jacksonReadsBackEveryKindOfValue() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("volume_ml", 0.5471);
        tree.put("tiny", 1.0e-7);
        tree.put("count", 6L);
        tree.put("ok", true);
        tree.put("missing", null);
        tree.put("not_measured", Double.NaN);
        tree.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        tree.put("numbers", new double[] {1.5, -2});
        tree.put("ids", List.of(1, 2, 3));
        tree.put("nested", List.of(Map.of("a", List.of()), Map.of()));
        JsonNode read = new ObjectMapper().readTree(Json.write(tree));
        assertEquals(0.5471, read.get("volume_ml").asDouble(), 0);
        assertEquals(1.0e-7, read.get("tiny").asDouble(), 0);
        assertEquals(6, read.get("count").asLong());
        assertTrue(read.get("ok").asBoolean());
        assertTrue(read.get("missing").isNull());
        assertTrue(read.get("not_measured").isNull(), "JSON has no NaN");
        assertEquals(tree.get("text"), read.get("text").asText());
        assertEquals(-2, read.get("numbers").get(1).asDouble(), 0);
        assertEquals(3, read.get("ids").size());
        assertEquals(0, read.get("nested").get(0).get("a").size());
        assertEquals(List.copyOf(tree.keySet()), iterate(read));
    }

    @Test
    void anUnknownTypeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
