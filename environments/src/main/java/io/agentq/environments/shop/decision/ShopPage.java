package io.agentq.environments.shop.decision;

import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the shop's pages as its own code reads it from what an agent sees (the distilled page: its
 * title, its text in reading order with every interactive element inlined as {@code [id] role
 * "label"}): which page it is, the results with their titles, prices and positions, or the item
 * with its title, price and option groups. Nothing here reads the catalog or a goal.
 *
 * @param results the product links of a results page, in page order (empty elsewhere)
 * @param resultPage the number of a results page (1 for the first; 0 elsewhere)
 * @param item the product of an item page (null elsewhere)
 * @param text the page's text (a description or features page reads it)
 */
public record ShopPage(
    Kind kind, List<Result> results, int resultPage, Item item, String text, Observation page) {
  public ShopPage {
    results = List.copyOf(results);
  }

  /** Which of the shop's pages. */
  public enum Kind {
    SEARCH,
    RESULTS,
    ITEM,
    DESCRIPTION,
    FEATURES,
    DONE,
    OTHER
  }

  /**
   * A product link of a results page.
   *
   * @param asin the product id the page shows above the link ("" if none)
   * @param position 0 for the first result of the page
   */
  public record Result(
      int elementId, String asin, String title, OptionalDouble price, int position) {}

  /** One value of an option group: its link, and whether it is the chosen one. */
  public record OptionValue(int elementId, String value, boolean selected) {}

  /** An option group ("color", "size") of an item page, values in page order. */
  public record OptionGroup(String name, List<OptionValue> values) {
    public OptionGroup {
      values = List.copyOf(values);
    }

    public Optional<OptionValue> selected() {
      return values.stream().filter(OptionValue::selected).findFirst();
    }
  }

  /** The product of an item page. */
  public record Item(String title, OptionalDouble price, List<OptionGroup> groups) {
    public Item {
      groups = List.copyOf(groups);
    }

    /** The group that holds the option link {@code elementId}, if it is one. */
    public Optional<OptionGroup> groupOf(int elementId) {
      return groups.stream()
          .filter(g -> g.values().stream().anyMatch(v -> v.elementId() == elementId))
          .findFirst();
    }

    public Optional<OptionValue> option(int elementId) {
      return groups.stream()
          .flatMap(g -> g.values().stream())
          .filter(v -> v.elementId() == elementId)
          .findFirst();
    }
  }

  private static final Pattern ELEMENT_LINE =
      Pattern.compile("^\\[(\\d+)] (\\w+) \"(.*)\"( \\(selected\\))?$");
  private static final Pattern PRICE_LINE = Pattern.compile("^\\$([0-9][0-9,]*(?:\\.[0-9]+)?)");
  private static final Pattern ITEM_PRICE =
      Pattern.compile("^Price: \\$([0-9][0-9,]*(?:\\.[0-9]+)?)");
  private static final Pattern GROUP_LINE = Pattern.compile("^([a-z][a-z0-9 _-]{0,30}):$");
  private static final Pattern PAGE_LINE = Pattern.compile("^Page (\\d+) \\(Total results");

  public static ShopPage read(Observation page) {
    Kind kind = kind(page.title());
    String[] lines = page.text().split("\n");
    List<Result> results = new ArrayList<>();
    int resultPage = 0;
    Item item = null;
    if (kind == Kind.RESULTS) {
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        Matcher p = PAGE_LINE.matcher(line);
        if (p.find()) {
          resultPage = Integer.parseInt(p.group(1));
        }
        Matcher e = ELEMENT_LINE.matcher(line);
        if (e.matches() && i + 1 < lines.length) {
          Matcher price = PRICE_LINE.matcher(lines[i + 1].strip());
          if (price.find()) {
            String above = i > 0 ? lines[i - 1].strip() : "";
            results.add(
                new Result(
                    Integer.parseInt(e.group(1)),
                    above.matches("[A-Za-z0-9]{10}") ? above : "",
                    e.group(3),
                    OptionalDouble.of(money(price.group(1))),
                    results.size()));
          }
        }
      }
    } else if (kind == Kind.ITEM) {
      item = item(page, lines);
    }
    return new ShopPage(kind, results, resultPage, item, page.text(), page);
  }

  private static Item item(Observation page, String[] lines) {
    List<OptionGroup> groups = new ArrayList<>();
    String group = null;
    List<OptionValue> values = new ArrayList<>();
    String title = "";
    OptionalDouble price = OptionalDouble.empty();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      Matcher g = GROUP_LINE.matcher(line);
      Matcher e = ELEMENT_LINE.matcher(line);
      if (g.matches()) {
        if (group != null) {
          groups.add(new OptionGroup(group, values));
        }
        group = g.group(1);
        values = new ArrayList<>();
        continue;
      }
      if (group != null && e.matches()) {
        int id = Integer.parseInt(e.group(1));
        boolean selected =
            e.group(4) != null || page.element(id).map(PageElement::selected).orElse(false);
        values.add(new OptionValue(id, e.group(3), selected));
        continue;
      }
      if (group != null) {
        groups.add(new OptionGroup(group, values));
        group = null;
      }
      Matcher p = ITEM_PRICE.matcher(line);
      if (p.find()) {
        price = OptionalDouble.of(money(p.group(1)));
        title = i > 0 ? lines[i - 1].strip() : ""; // the item page shows its title above its price
      }
    }
    if (group != null) {
      groups.add(new OptionGroup(group, values));
    }
    return new Item(title, price, groups);
  }

  private static double money(String digits) {
    return Double.parseDouble(digits.replace(",", ""));
  }

  static Kind kind(String title) {
    String t = title.strip();
    if (t.startsWith("Search")) {
      return Kind.SEARCH;
    }
    if (t.startsWith("Results")) {
      return Kind.RESULTS;
    }
    if (t.startsWith("Item")) {
      return Kind.ITEM;
    }
    if (t.startsWith("Description")) {
      return Kind.DESCRIPTION;
    }
    if (t.startsWith("Features")) {
      return Kind.FEATURES;
    }
    if (t.startsWith("Done")) {
      return Kind.DONE;
    }
    return Kind.OTHER;
  }

  /** The result whose link is {@code elementId}, if it is one. */
  public Optional<Result> result(int elementId) {
    return results.stream().filter(r -> r.elementId() == elementId).findFirst();
  }

  private static final Pattern ITEM_URL = Pattern.compile("/item/([^/?#]+)");

  /** The product id in an item page's address (and its description and features pages'). */
  public Optional<String> itemAsin() {
    Matcher m = ITEM_URL.matcher(page.url());
    return m.find()
        ? Optional.of(
            java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** The label of element {@code id}, or "" when the page has none. */
  public String label(int id) {
    return page.element(id).map(PageElement::label).orElse("");
  }
}
