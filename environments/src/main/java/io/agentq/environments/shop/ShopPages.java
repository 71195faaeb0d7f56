package io.agentq.environments.shop;

import static io.agentq.environments.shop.Html.esc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML of WebShop's pages: search, results (10 a page with prev / next), item page with option
 * groups, description and features sub-pages, and the done page with the score. All state lives in
 * the URL (keywords, page, chosen options), so a page's URL is its node's state URL.
 */
final class ShopPages {
  static final int PAGE_SIZE = 10;
  private final ShopData data;

  ShopPages(ShopData data) {
    this.data = data;
  }

  /** Where a page sits: the session, the keywords and result page that led to it. */
  record Place(String session, String keywords, int page) {
    String prefix() {
      return "/s/" + session;
    }

    String resultsUrl() {
      return prefix() + "/search" + Html.query(Map.of("k", keywords, "p", Integer.toString(page)));
    }

    String itemUrl(String asin, Map<String, String> options, String subPage) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("k", keywords);
      q.put("p", Integer.toString(page));
      options.forEach((name, value) -> q.put("o_" + name, value));
      return prefix()
          + "/item/"
          + Html.enc(asin)
          + (subPage == null ? "" : "/" + subPage)
          + Html.query(q);
    }
  }

  String search(ShopSession s) {
    return Html.page(
        "Search | agentq shop",
        s.goal.instructionText(),
        "<form method=\"get\" action=\"/s/"
            + esc(s.id)
            + "/search\" autocomplete=\"off\"><input type=\"text\" name=\"k\""
            + " aria-label=\"Search\" size=\"60\" autocomplete=\"off\">"
            + "<button type=\"submit\">Search</button></form>");
  }

  String results(ShopSession s, Place at, List<String> asins) {
    int pages = Math.max(1, (asins.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    StringBuilder b = new StringBuilder();
    b.append(backToSearch(s));
    b.append("<p>Page ").append(at.page()).append(" (Total results: ").append(asins.size());
    b.append(")</p><p>");
    if (at.page() > 1) {
      b.append(link(new Place(s.id, at.keywords(), at.page() - 1).resultsUrl(), "< Prev"));
    }
    if (at.page() < pages) {
      b.append(" ")
          .append(link(new Place(s.id, at.keywords(), at.page() + 1).resultsUrl(), "Next >"));
    }
    b.append("</p>");
    int from = (at.page() - 1) * PAGE_SIZE;
    for (String asin :
        asins.subList(Math.min(from, asins.size()), Math.min(from + PAGE_SIZE, asins.size()))) {
      Product p = data.catalog().product(asin).orElseThrow();
      b.append("<div class=\"result\"><small>").append(esc(asin)).append("</small><br>");
      b.append(link(at.itemUrl(asin, Map.of(), null), p.name()));
      b.append("<br>").append(money(data.catalog().price(asin))).append("</div>");
    }
    if (asins.isEmpty()) {
      b.append("<p>No products match these keywords.</p>");
    }
    return Html.page("Results | agentq shop", s.goal.instructionText(), b.toString());
  }

  String item(ShopSession s, Place at, Product p, Map<String, String> chosen) {
    StringBuilder b = new StringBuilder();
    b.append(backToSearch(s)).append(" ").append(link(at.resultsUrl(), "< Prev"));
    for (Map.Entry<String, List<String>> group : p.options().entrySet()) {
      b.append("<div class=\"options\"><b>").append(esc(group.getKey())).append("</b>: ");
      for (String value : group.getValue()) {
        Map<String, String> next = new LinkedHashMap<>(chosen);
        next.put(group.getKey(), value);
        boolean on = value.equals(chosen.get(group.getKey()));
        b.append("<a class=\"option").append(on ? " selected" : "").append("\" aria-pressed=\"");
        b.append(on)
            .append("\" href=\"")
            .append(esc(at.itemUrl(p.asin(), next, null)))
            .append("\">");
        b.append(esc(value)).append("</a>");
      }
      b.append("</div>");
    }
    b.append("<h2>").append(esc(p.name())).append("</h2>");
    b.append("<p>Price: ").append(money(data.catalog().price(p.asin()))).append("</p>");
    b.append("<p>Rating: N.A.</p><p>");
    b.append(link(at.itemUrl(p.asin(), chosen, "description"), "Description")).append(" ");
    b.append(link(at.itemUrl(p.asin(), chosen, "features"), "Features")).append("</p>");
    b.append("<form method=\"post\" action=\"")
        .append(esc(at.prefix() + "/buy/" + Html.enc(p.asin())));
    b.append("\">");
    b.append(hidden("k", at.keywords())).append(hidden("p", Integer.toString(at.page())));
    chosen.forEach((name, value) -> b.append(hidden("o_" + name, value)));
    b.append("<button type=\"submit\" data-irreversible=\"true\">Buy Now</button></form>");
    return Html.page("Item | agentq shop", s.goal.instructionText(), b.toString());
  }

  String subPage(ShopSession s, Place at, Product p, Map<String, String> chosen, String which) {
    StringBuilder b = new StringBuilder();
    b.append(backToSearch(s))
        .append(" ")
        .append(link(at.itemUrl(p.asin(), chosen, null), "< Prev"));
    if (which.equals("description")) {
      b.append("<p>").append(esc(p.description())).append("</p>");
    } else {
      b.append("<ul>");
      p.bulletPoints().forEach(line -> b.append("<li>").append(esc(line)).append("</li>"));
      b.append("</ul>");
    }
    String title = (which.equals("description") ? "Description" : "Features") + " | agentq shop";
    return Html.page(title, s.goal.instructionText(), b.toString());
  }

  String done(ShopSession s, Purchase purchase) {
    Product p = data.catalog().product(purchase.asin()).orElseThrow();
    StringBuilder b = new StringBuilder("<h1>Thank you for shopping with us!</h1>");
    b.append("<p>Your code: ").append(esc(s.id)).append("</p>");
    b.append("<p>Purchased: ").append(esc(p.name())).append(" (").append(esc(p.asin()));
    b.append(")</p><p>Options: ").append(esc(purchase.options().toString())).append("</p>");
    b.append("<p>Your score (min 0.0, max 1.0): <span id=\"agentq-reward\">");
    b.append(purchase.reward().total()).append("</span></p>");
    String facts =
        "<meta name=\"agentq:terminal\" content=\"true\"><meta name=\"agentq:reward\" content=\""
            + purchase.reward().total()
            + "\">";
    return Html.page("Done | agentq shop", s.goal.instructionText(), b.toString(), facts);
  }

  private static String backToSearch(ShopSession s) {
    return link("/s/" + s.id + "/", "Back to Search");
  }

  private static String link(String href, String label) {
    return "<a href=\"" + esc(href) + "\">" + esc(label) + "</a>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
  }

  static String money(double price) {
    return String.format(java.util.Locale.ROOT, "$%.2f", price);
  }
}
