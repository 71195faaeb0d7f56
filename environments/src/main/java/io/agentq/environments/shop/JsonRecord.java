package io.agentq.environments.shop;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentq.core.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of a data file with field readers that report where a problem is: every error
 * names the record ({@code where}, e.g. "catalog items.json: product #3") and the field.
 */
final class JsonRecord {
  /** What WebShop writes for a product that has no attributes in {@code items_ins_v2.json}. */
  static final String DUMMY_ATTRIBUTE = "DUMMY_ATTR";

  final String where;
  final JsonNode node;

  JsonRecord(String where, JsonNode node) {
    this.where = where;
    this.node = node;
    if (node == null || !node.isObject()) {
      throw new InputException(where + ": expected a JSON object");
    }
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** The first of {@code fields} the record holds (not null), or null when it holds none. */
  String firstPresent(String... fields) {
    for (String f : fields) {
      if (has(f)) {
        return f;
      }
    }
    return null;
  }

  String text(String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw bad(field, "is missing");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw bad(field, "must be text");
    }
    if (required && v.asText().isBlank()) {
      throw bad(field, "is empty");
    }
    return v.asText();
  }

  /** A list of text; absent or null is empty. */
  List<String> strings(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw bad(field, "must be a list of text");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw bad(field, "must be a list of text");
      }
      out.add(s.asText());
    }
    return out;
  }

  /**
   * A product's attribute list, where WebShop's "no attributes" marker (the text or the one-element
   * list {@value #DUMMY_ATTRIBUTE}) is the empty list.
   */
  List<String> attributes(String field) {
    JsonNode v = node.get(field);
    if (v != null && v.isTextual() && v.asText().equals(DUMMY_ATTRIBUTE)) {
      return List.of();
    }
    List<String> out = strings(field);
    return out.equals(List.of(DUMMY_ATTRIBUTE)) ? List.of() : out;
  }

  InputException bad(String field, String problem) {
    return new InputException(where + ": field '" + field + "' " + problem);
  }
}
