package io.agentq.infra.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentq.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configurable rules by which a site's actions are irreversible: an action is when any rule
 * marks it. Loaded from JSON, a list of objects with the fields of {@link IrreversibleRule}:
 *
 * <pre>
 * [{"text": "complete reservation|place order|buy now|\\bpay\\b", "roles": ["button", "submit"]},
 *  {"url": "/checkout"}]
 * </pre>
 */
public final class IrreversibleRules {
  /** No rules: only what the site itself marks is irreversible. */
  public static final IrreversibleRules NONE = new IrreversibleRules(List.of());

  private static final Set<String> FIELDS = Set.of("text", "roles", "url", "page");
  private final List<IrreversibleRule> rules;

  public IrreversibleRules(List<IrreversibleRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      String problem = rules.get(i).problem();
      if (problem != null) {
        throw new InputException("irreversible rule " + (i + 1) + ": " + problem);
      }
    }
    this.rules =
        rules.stream()
            .map(
                r ->
                    new IrreversibleRule(
                        r.text(),
                        r.roles().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                        r.url(),
                        r.page()))
            .toList();
  }

  public List<IrreversibleRule> rules() {
    return rules;
  }

  /** Whether any rule marks acting on {@code s} as irreversible. */
  public boolean marks(IrreversibleRule.Subject s) {
    return rules.stream().anyMatch(r -> r.marks(s));
  }

  /** The rules in a JSON file; bad input names the file, the rule and the field. */
  public static IrreversibleRules load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new InputException(
          file + ": the irreversible rules cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The rules in {@code json}; {@code source} names where it came from in error messages (a file,
   * an option).
   */
  public static IrreversibleRules parse(String json, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InputException(
          source
              + ": not JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + "); give a list of rules such as [{\"text\": \"buy now\"}]",
          e);
    }
    if (root == null || !root.isArray()) {
      throw new InputException(
          source
              + ": the irreversible rules must be a JSON list of objects, such as"
              + " [{\"text\": \"buy now\"}, {\"url\": \"/checkout\"}]");
    }
    List<IrreversibleRule> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String where = source + ": rule " + (i + 1);
      JsonNode r = root.get(i);
      if (!r.isObject()) {
        throw new InputException(where + " is " + r.getNodeType() + ", not an object");
      }
      for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          throw new InputException(
              where + ": unknown field '" + name + "' (the fields are text, roles, url, page)");
        }
      }
      List<String> roles = new ArrayList<>();
      JsonNode rolesNode = r.get("roles");
      if (rolesNode != null) {
        if (rolesNode.isTextual()) {
          roles.add(rolesNode.asText());
        } else if (rolesNode.isArray()) {
          for (JsonNode role : rolesNode) {
            if (!role.isTextual()) {
              throw new InputException(where + ": roles must hold strings, found " + role);
            }
            roles.add(role.asText());
          }
        } else {
          throw new InputException(
              where + ": roles must be a list of strings such as [\"button\"], found " + rolesNode);
        }
      }
      IrreversibleRule rule =
          new IrreversibleRule(
              text(r, "text", where), roles, text(r, "url", where), text(r, "page", where));
      String problem = rule.problem();
      if (problem != null) {
        throw new InputException(where + ": " + problem);
      }
      out.add(rule);
    }
    return new IrreversibleRules(out);
  }

  private static String text(JsonNode rule, String field, String where) {
    JsonNode v = rule.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InputException(
          where + ": " + field + " must be a string (a regular expression), found " + v);
    }
    return v.asText();
  }
}
