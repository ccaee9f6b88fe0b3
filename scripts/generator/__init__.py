"""The synthetic Instacart-format data behind scripts/generate_data.py.

How the data is made (all vectorised with numpy, one Generator per stage):
  1. catalogue (catalogue.py): 134 aisles in 21 departments with their published
     line shares; 49,688 products with synthesised names and Zipf-like popularity
     per aisle;
  2. orders (orders.py): undated, orders per user from a fitted heavy-tailed
     distribution with a pile-up at 100, day of week and days since prior order from
     the published histograms; dated, order days from the calendar simulation
     (calendar.py), day of week and days since prior order from the dates; hour from
     the published histogram either way;
  3. lines (lines.py), in chunks of users: each line gets a department, then either
     copies a product from the user's earlier purchases in that department (a growing
     per-user repertoire, used more the larger it is) or draws a new product by
     popularity. Duplicates within an order are redrawn, the planted changes
     (planted.py) drop their lines, and `reordered` is then computed exactly from
     each user's history with one sort;
  4. files (writer.py, dataset.py): CSVs written through DuckDB into a temporary
     folder, then moved in, with generation.json (report.py) and, for dated data,
     annotations.csv (annotations.py).

calibration.py holds what the data is calibrated to (the release's published counts
and the constants fitted to them), vocabulary.py the words of product names.
"""
