package dev.hmacsigned.it.app;

/** A JSON body, read by JSON-B on Jersey and Jackson on RESTEasy. */
public class Order {
  public String name;
  public String city;
  public int quantity;

  public Order() {}

  public Order(String name, String city, int quantity) {
    this.name = name;
    this.city = city;
    this.quantity = quantity;
  }
}
