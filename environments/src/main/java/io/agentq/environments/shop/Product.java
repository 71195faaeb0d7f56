package io.agentq.environments.shop;

import java.util.List;
import java.util.Map;

/**
 * A product in WebShop's record layout. {@code bulletPoints} is {@code small_description} (alias
 * BulletPoints), {@code description} is {@code full_description} (alias Description), and {@code
 * attributes} is the Attributes list of {@code items_ins_v2} (empty when the file has none, which
 * WebShop writes as "DUMMY_ATTR").
 *
 * @param options option groups in page order: name (e.g. "color") to its values
 */
public record Product(
    String asin,
    String name,
    String category,
    String query,
    String productCategory,
    List<String> bulletPoints,
    String description,
    String pricing,
    Map<String, List<String>> options,
    List<String> attributes) {
  public Product {
    bulletPoints = List.copyOf(bulletPoints);
    attributes = List.copyOf(attributes);
  }

  /** Title and name are the same field of the product file (quirk Q9). */
  public String title() {
    return name;
  }
}
