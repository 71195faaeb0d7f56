package io.agentq.infra.browser;

import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns any page's DOM into the compact text a policy reads: visible text in reading order, and
 * every interactive element (link, button, text box, select, radio, checkbox) inlined as {@code
 * [id] role "label"}, ids in document order from 1. Both drivers feed it HTML (the real browser
 * first writes its live state and CSS visibility into attributes), so the same page gives the same
 * observation whichever driver fetched it.
 */
public final class PageDistiller {
  /** Attribute the browser driver sets on elements that CSS hides. */
  public static final String HIDDEN_MARK = "data-agentq-hidden";

  /**
   * Attribute by which a site marks an element as its own business, not part of what an outside
   * judge of an episode may read (a score it prints for its operators). An element whose id starts
   * with {@link #PRIVATE_ID_PREFIX} is marked the same way (the shop's {@code agentq-reward}).
   */
  public static final String PRIVATE_MARK = "data-agentq-private";

  /** Ids of elements a site keeps to itself start with this. */
  public static final String PRIVATE_ID_PREFIX = "agentq-";

  // Where a private element's text starts and ends in the walk's output; never in a page's text.
  private static final char OPEN = '\u0001';
  private static final char CLOSE = '\u0002';

  private static final Set<String> SKIPPED =
      Set.of("script", "style", "noscript", "template", "head", "svg", "iframe");
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "br",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "ul",
          "ol",
          "tr",
          "table",
          "form",
          "section",
          "article",
          "header",
          "footer",
          "nav",
          "main",
          "aside",
          "hr",
          "small",
          "label",
          "dt",
          "dd",
          "pre",
          "blockquote");
  private static final Set<String> TEXT_INPUTS =
      Set.of("text", "search", "email", "number", "password", "tel", "url", "");

  public DistilledPage distill(String url, String html) {
    Document doc = Jsoup.parse(html, url);
    Walk walk = new Walk(doc);
    walk.visit(doc.body());
    Map<String, String> facts = new LinkedHashMap<>();
    for (Element meta : doc.select("meta[name^=agentq:]")) {
      facts.put(meta.attr("name").substring("agentq:".length()), meta.attr("content"));
    }
    String text = walk.text();
    return new DistilledPage(
        new Observation(url, doc.title(), text, walk.elements),
        walk.targets,
        facts,
        walk.judgeText());
  }

  private static final class Walk {
    final Document doc;
    final StringBuilder out = new StringBuilder();
    final List<PageElement> elements = new ArrayList<>();
    final Map<Integer, ElementTarget> targets = new LinkedHashMap<>();

    Walk(Document doc) {
      this.doc = doc;
    }

    String text() {
      List<String> lines = new ArrayList<>();
      String all =
          out.toString().replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
      for (String line : all.split("\n")) {
        String s = normalised(line);
        if (!s.isEmpty()) {
          lines.add(s);
        }
      }
      return String.join("\n", lines);
    }

    /**
     * The text less every line that holds any of a private element's text: the words around a
     * private value (the shop's "Your score (min 0.0, max 1.0):") only frame it, so they go too.
     */
    String judgeText() {
      List<String> lines = new ArrayList<>();
      int depth = 0;
      for (String line : out.toString().split("\n")) {
        boolean drop = depth > 0;
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == OPEN) {
            depth++;
            drop = true;
          } else if (c == CLOSE) {
            depth = Math.max(0, depth - 1);
            drop = true;
          }
        }
        String s = normalised(line);
        if (!drop && !s.isEmpty()) {
          lines.add(s);
        }
      }
      return String.join("\n", lines);
    }

    private static String normalised(String line) {
      return line.replaceAll("[ \\t\\u00a0]+", " ").strip();
    }

    static boolean privateMark(Element e) {
      return e.hasAttr(PRIVATE_MARK) || e.id().startsWith(PRIVATE_ID_PREFIX);
    }

    void visit(Element e) {
      if (e == null || hidden(e)) {
        return;
      }
      String tag = e.normalName();
      if (SKIPPED.contains(tag)) {
        return;
      }
      boolean own = privateMark(e);
      String role = role(e);
      if (role != null) {
        int at = out.length();
        addElement(e, role);
        if (own) { // inside the element's own line, which addElement opens and closes
          out.insert(at + 1, OPEN);
          out.insert(out.length() - 1, CLOSE);
        }
        return;
      }
      boolean block = BLOCKS.contains(tag);
      if (block) {
        out.append('\n');
      }
      if (own) {
        out.append(OPEN);
      }
      for (Node child : e.childNodes()) {
        if (child instanceof TextNode t) {
          out.append(t.text());
        } else if (child instanceof Element c) {
          visit(c);
        }
      }
      if (own) {
        out.append(CLOSE);
      }
      if (block) {
        out.append('\n');
      }
    }

    static boolean hidden(Element e) {
      if (e.hasAttr("hidden") || e.hasAttr(HIDDEN_MARK)) {
        return true;
      }
      if ("true".equals(e.attr("aria-hidden"))) {
        return true;
      }
      String style = e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT);
      if (style.contains("display:none") || style.contains("visibility:hidden")) {
        return true;
      }
      return e.normalName().equals("input") && e.attr("type").equalsIgnoreCase("hidden");
    }

    static String role(Element e) {
      String explicit = e.attr("role").toLowerCase(Locale.ROOT);
      if (explicit.equals("button") || explicit.equals("link")) {
        return explicit;
      }
      switch (e.normalName()) {
        case "a":
          return e.hasAttr("href") ? "link" : null;
        case "button":
          return "button";
        case "textarea":
          return "textbox";
        case "select":
          return "select";
        case "input":
          String type = e.attr("type").toLowerCase(Locale.ROOT);
          if (TEXT_INPUTS.contains(type)) {
            return "textbox";
          }
          if (type.equals("submit") || type.equals("button") || type.equals("image")) {
            return "button";
          }
          if (type.equals("radio") || type.equals("checkbox")) {
            return type;
          }
          return null;
        default:
          return null;
      }
    }

    void addElement(Element e, String role) {
      int id = elements.size() + 1;
      String label = label(e, role);
      boolean selected =
          e.hasAttr("checked")
              || "true".equals(e.attr("aria-pressed"))
              || "true".equals(e.attr("aria-selected"));
      elements.add(new PageElement(id, role, label, selected));
      out.append('\n')
          .append('[')
          .append(id)
          .append("] ")
          .append(role)
          .append(" \"")
          .append(label)
          .append('"');
      if (role.equals("textbox") && !e.attr("value").isEmpty()) {
        out.append(" value=\"").append(e.attr("value")).append('"');
      }
      if (selected) {
        out.append(" (selected)");
      }
      out.append('\n');
      targets.put(id, target(e, role));
    }

    String label(Element e, String role) {
      String text = e.text().strip();
      if (!text.isEmpty() && !role.equals("textbox") && !role.equals("select")) {
        return text;
      }
      for (String attr : List.of("aria-label", "placeholder", "title", "value", "name", "alt")) {
        if (attr.equals("value") && role.equals("textbox")) {
          continue;
        }
        if (!e.attr(attr).isBlank()) {
          return e.attr(attr).strip();
        }
      }
      if (!e.id().isEmpty()) {
        Element forLabel = doc.selectFirst("label[for=" + e.id() + "]");
        if (forLabel != null) {
          return forLabel.text().strip();
        }
      }
      return role;
    }

    ElementTarget target(Element e, String role) {
      String kind =
          switch (role) {
            case "link" -> e.normalName().equals("a") ? "link" : "other";
            case "button" -> isSubmit(e) ? "submit" : "other";
            default -> role;
          };
      Element formEl = e.closest("form");
      ElementTarget.Form form = formEl == null ? null : form(formEl);
      return new ElementTarget(
          e.cssSelector(),
          kind,
          e.normalName().equals("a") ? e.absUrl("href") : null,
          form,
          e.attr("name"),
          e.attr("value"),
          "true".equals(e.attr("data-irreversible")));
    }

    static boolean isSubmit(Element e) {
      String type = e.attr("type").toLowerCase(Locale.ROOT);
      if (e.normalName().equals("button")) {
        return type.isEmpty() || type.equals("submit");
      }
      return type.equals("submit") || type.equals("image");
    }

    static ElementTarget.Form form(Element f) {
      List<ElementTarget.Field> fields = new ArrayList<>();
      for (Element c : f.select("input, textarea, select")) {
        String name = c.attr("name");
        if (name.isEmpty()) {
          continue;
        }
        String type = c.attr("type").toLowerCase(Locale.ROOT);
        if (type.equals("submit") || type.equals("button") || type.equals("image")) {
          continue;
        }
        if ((type.equals("radio") || type.equals("checkbox")) && !c.hasAttr("checked")) {
          continue;
        }
        String value =
            c.normalName().equals("select")
                ? selectedOption(c)
                : c.normalName().equals("textarea") ? c.wholeText() : c.attr("value");
        fields.add(new ElementTarget.Field(name, value, c.cssSelector()));
      }
      String method =
          f.attr("method").isEmpty() ? "get" : f.attr("method").toLowerCase(Locale.ROOT);
      String action = f.attr("action").isEmpty() ? f.baseUri() : f.absUrl("action");
      return new ElementTarget.Form(action, method, fields);
    }

    static String selectedOption(Element select) {
      Element chosen = select.selectFirst("option[selected]");
      if (chosen == null) {
        chosen = select.selectFirst("option");
      }
      return chosen == null ? "" : chosen.hasAttr("value") ? chosen.attr("value") : chosen.text();
    }
  }
}
