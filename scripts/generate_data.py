#!/usr/bin/env python3
"""Generate synthetic Instacart-format CSVs, shaped like the real 2017 release.

Writes the six files of the public release (orders.csv, order_products__prior.csv,
order_products__train.csv, products.csv, aisles.csv, departments.csv) with exactly
its headers and value formats, plus generation.json saying how they were made. The
default run is full scale (206,209 users, ~3.4M orders, ~33.8M order lines);
calibration targets come from the release's published shape (../shared/instacart-stats,
copied into the constants below, so nothing outside the scripts is read at run time).

Two shapes:
  - dated (the default): orders.csv gets an 8th column, order_date. Customers arrive
    over three years and order at their own rhythm (generate_data_calendar.py); each
    user's last order is train, the others prior, and every order has lines. In the
    latest complete week the power customers' baskets shrink (a planted change for
    the weekly review to find); generation.json holds its truth.
  - undated (--undated): the release's snapshot, seven columns, 4..100 orders per
    user, a test holdout of last orders without lines.

How the data is made (all vectorised with numpy, one Generator per stage):
  1. catalogue: 134 aisles in 21 departments with their published line shares;
     49,688 products with synthesised names and Zipf-like popularity per aisle;
  2. orders: undated, orders per user from a fitted heavy-tailed distribution with a
     pile-up at 100, day of week and days since prior order from the published
     histograms; dated, order days from the calendar simulation, day of week and days
     since prior order from the dates; hour from the published histogram either way;
  3. lines, in chunks of users: each line gets a department, then either copies a
     product from the user's earlier purchases in that department (a growing
     per-user repertoire, used more the larger it is) or draws a new product by
     popularity. Duplicates within an order are redrawn, the planted change drops
     its lines, and `reordered` is then computed exactly from each user's history
     with one sort;
  4. CSVs are written through DuckDB into a temporary folder, then moved in.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np

import generate_data_calendar as cal

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "data" / "raw"
DEFAULT_SEED = 42

# The six files, from the project's one list of them (seed instacart_files: the required ones).
with open(PROJECT_ROOT / "seeds" / "instacart_files.csv", encoding="utf-8", newline="") as _seed:
    OUTPUT_FILES = tuple(
        f"{row['file_key']}.csv"
        for row in sorted(csv.DictReader(_seed), key=lambda row: int(row["sort_order"]))
        if row["is_required"] == "true"
    )
GENERATION_FILE = "generation.json"  # how the files were made; not an input of the pipeline

# ---------------------------------------------------------------------------
# Calibration targets (instacart-stats/README.md unless stated otherwise)
# ---------------------------------------------------------------------------
FULL_USERS = 206_209  # users in the release
FULL_TEST_USERS = 75_000  # users whose last order is a test order (others: train)
FULL_PRODUCTS = 49_688  # rows of products.csv
ORDER_ID_SPACE = 3_421_083  # real order_ids are 1..3,421,083 (one per order)
MIN_ORDERS, MAX_ORDERS = 4, 100  # every real user has 4..100 orders

# Orders per user: w(n) = (n - 4 + OFFSET)^-POWER * exp(-(n - 4) / DECAY) for n >= 4;
# all mass at n >= 100 piles up at 100, times PILEUP (the release truncates users).
# Fitted to the README: 23,986 users at 4, 19,590 at 5, 16,165 at 6, 47 at 99, bands
# 4-5: 43,576, 6-10: 60,937, 11-20: 50,965, >20: 50,731, mean 16.59, median 10.
ORDERS_PER_USER_OFFSET = 5.2
ORDERS_PER_USER_POWER = 1.04
ORDERS_PER_USER_DECAY = 30.0
ORDERS_PER_USER_PILEUP = 1.8

# The tables below are laid out by hand (published counts, name vocabularies).
# fmt: off
# Basket size: orders of 1..10 lines over prior+train (README), then a fitted tail
# exp(-A * (s - 10)^B) + EPS * exp(-(s - 10) / SCALE) that gives the published mean
# (33,819,106 lines / 3,346,083 orders = 10.11) and a longest basket near 145.
BASKET_COUNTS_1_TO_10 = (163_593, 194_361, 215_060, 230_299, 237_225,
                         236_383, 228_547, 211_357, 191_564, 172_103)
BASKET_OBSERVED_ORDERS = 3_346_083
BASKET_TAIL_A = 0.0997
BASKET_TAIL_B = 1.1
BASKET_TAIL_EPS = 1e-3
BASKET_TAIL_SCALE = 20.0
MAX_BASKET = 145
# Share of basket-size variance that belongs to the user (assumption: users keep
# a habitual basket size; not published).
BASKET_USER_VARIANCE_SHARE = 0.5
# Train baskets run larger than prior ones (mean 10.55 vs 10.09): shift of the
# train orders' latent basket score, in standard deviations (calibrated).
TRAIN_BASKET_SHIFT = 0.06

# Day of week (orders_by_dow_full.csv), hour of day (orders_by_hour_full.csv).
DOW_ORDERS = (600_905, 587_478, 467_260, 436_972, 426_339, 453_368, 448_761)
HOUR_ORDERS = (22_758, 12_398, 7_539, 5_474, 5_527, 9_569, 30_529, 91_868,
               178_201, 257_812, 288_418, 284_728, 272_841, 277_999, 283_042,
               283_639, 272_553, 228_795, 182_912, 140_569, 104_292, 78_109,
               61_468, 40_043)
# Days since prior order 0..30 (orders_by_days_since_prior_full.csv; 30 = 30+).
DAYS_ORDERS = (67_755, 145_247, 193_206, 217_005, 221_696, 214_503, 240_013,
               320_608, 181_717, 118_188, 95_186, 80_970, 76_146, 83_214, 100_230,
               66_579, 46_941, 39_245, 35_881, 34_384, 38_527, 45_470, 32_012,
               23_885, 20_712, 19_234, 19_016, 22_013, 26_777, 19_191, 369_323)
# Chance that an order repeats the user's habitual day / hour / interval instead of
# a fresh draw (assumption; keeps the published marginals exactly).
DOW_HABIT, HOUR_HABIT, DAYS_HABIT = 0.3, 0.4, 0.3

# Reorder rate by department: dairy eggs 0.670, produce 0.651, personal care and
# pantry about 0.33 are in the README; the others are approximate figures from
# public analyses of the release. They steer which products get re-bought.
DEPARTMENT_REORDER_RATE = {
    "dairy eggs": 0.670, "beverages": 0.653, "produce": 0.651, "bakery": 0.628,
    "deli": 0.608, "pets": 0.601, "babies": 0.578, "bulk": 0.577, "snacks": 0.574,
    "alcohol": 0.570, "meat seafood": 0.568, "breakfast": 0.561, "frozen": 0.542,
    "canned goods": 0.458, "dry goods pasta": 0.461, "other": 0.407,
    "household": 0.402, "missing": 0.395, "international": 0.369,
    "pantry": 0.347, "personal care": 0.321,
}

# Users' department mixes vary around the published shares: Dirichlet with
# concentration DEPARTMENT_CONCENTRATION (assumption; lets small departments such
# as pets or bulk keep loyal buyers and high reorder rates).
DEPARTMENT_CONCENTRATION = 6.0

# Repertoire model, calibrated on generated output to give the published reorder
# rates (prior 0.5897, train 0.5986, together 0.5901) and their rise with order
# number (README, from the sample: ~0.33 on orders 2-3, 0.56 on 4-10, 0.75 on 11+).
# A line copies one of the user's earlier purchases in its department with chance
#   loyalty * H / (H + REPERTOIRE_HALF_ITEMS) * propensity,
# H = items the user bought before; loyalty ~ Beta with concentration
# LOYALTY_CONCENTRATION and a mean rising with log(orders) from LOYALTY_FEWEST
# (4 orders) to LOYALTY_MOST (100): frequent shoppers re-buy more, which is what
# keeps one-per-user train orders near the line-weighted prior rate;
# propensity = (department reorder rate / highest) ** COPY_PROPENSITY_EXPONENT.
REPERTOIRE_HALF_ITEMS = 6.0
LOYALTY_FEWEST, LOYALTY_MOST, LOYALTY_CONCENTRATION = 0.62, 0.99, 30.0
# Dated output has no 4-order floor and no holdout, and most of its lines come from
# long-standing customers: its loyalty runs lower to keep the release's reorder rate
# (calibrated on generated output like the pair above).
DATED_LOYALTY_FEWEST, DATED_LOYALTY_MOST = 0.54, 0.94
COPY_PROPENSITY_EXPONENT = 1.2

# Catalogue shape: products per aisle grow slowly with the aisle's volume (real
# aisles hold a few hundred products each whatever their sales); popularity within
# an aisle is Zipf-like, weight 1 / rank^ZIPF_EXPONENT (top product ~1.4% of lines).
PRODUCTS_PER_AISLE_EXPONENT = 0.15
ZIPF_EXPONENT = 1.0

# Rounds of fixing duplicates within an order: in the first RECOPY_ROUNDS a
# duplicate copy re-picks another earlier purchase; other duplicates, and all in
# later rounds, get a new product. What is left after DEDUP_ROUNDS is dropped.
DEDUP_ROUNDS = 6
RECOPY_ROUNDS = 2
CHUNK_USERS = 16_384  # users per chunk of line generation (bounds memory)

# ---------------------------------------------------------------------------
# Aisles: (department, aisle, prior order lines) from prior_items_by_aisle_full.csv,
# plus nouns used to synthesise product names (ours, not from the release).
# ---------------------------------------------------------------------------
AISLES = (
    ("produce", "fresh fruits", 3_642_188, "Bananas|Strawberries|Blueberries|Apples|Lemons|Avocados|Grapes|Mangoes"),
    ("produce", "fresh vegetables", 3_418_021, "Spinach|Carrots|Broccoli|Zucchini|Onions|Cucumbers|Bell Peppers|Potatoes"),
    ("produce", "packaged vegetables fruits", 1_765_313, "Baby Spinach|Salad Mix|Baby Carrots|Snap Peas|Kale Blend|Berry Cup"),
    ("dairy eggs", "yogurt", 1_452_343, "Greek Yogurt|Yogurt|Skyr|Yogurt Cups|Kefir|Whole Milk Yogurt"),
    ("dairy eggs", "packaged cheese", 979_763, "Cheddar|Mozzarella|Shredded Cheese|Cheese Slices|Parmesan|Monterey Jack"),
    ("dairy eggs", "milk", 891_015, "Whole Milk|Reduced Fat Milk|Skim Milk|Chocolate Milk|Lactose Free Milk"),
    ("beverages", "water seltzer sparkling water", 841_533, "Sparkling Water|Spring Water|Seltzer|Mineral Water|Flavored Water"),
    ("snacks", "chips pretzels", 722_470, "Tortilla Chips|Potato Chips|Pretzels|Kettle Chips|Veggie Straws"),
    ("dairy eggs", "soy lactosefree", 638_253, "Almond Milk|Oat Milk|Soy Milk|Coconut Milk|Cashew Milk"),
    ("bakery", "bread", 584_834, "Sandwich Bread|Sourdough Loaf|Whole Wheat Bread|Rye Bread|Multigrain Bread"),
    ("beverages", "refrigerated", 575_881, "Orange Juice|Cold Brew|Kombucha|Lemonade|Green Juice"),
    ("frozen", "frozen produce", 522_654, "Frozen Peas|Frozen Berries|Frozen Broccoli|Frozen Corn|Frozen Mango Chunks"),
    ("frozen", "ice cream ice", 498_425, "Ice Cream|Gelato|Sorbet|Ice Pops|Frozen Yogurt"),
    ("snacks", "crackers", 458_838, "Crackers|Rice Crackers|Graham Crackers|Crispbread|Water Crackers"),
    ("snacks", "energy granola bars", 456_386, "Granola Bars|Protein Bars|Fruit Bars|Nut Bars|Energy Bars"),
    ("dairy eggs", "eggs", 452_134, "Large Eggs|Brown Eggs|Egg Whites|Pasture Raised Eggs|Jumbo Eggs"),
    ("deli", "lunch meat", 395_130, "Sliced Turkey|Black Forest Ham|Salami|Roast Beef|Chicken Breast Slices"),
    ("frozen", "frozen meals", 390_299, "Burrito Bowl|Mac and Cheese|Lasagna|Enchiladas|Pot Pie"),
    ("babies", "baby food formula", 382_456, "Baby Food Pouch|Infant Formula|Purée|Teething Wafers|Toddler Snacks"),
    ("produce", "fresh herbs", 377_741, "Cilantro|Basil|Parsley|Mint|Dill"),
    ("breakfast", "cereal", 377_586, "Corn Flakes|Granola Cereal|Oat Rings|Bran Flakes|Puffed Rice"),
    ("beverages", "soft drinks", 357_537, "Cola|Ginger Ale|Root Beer|Lemon Lime Soda|Tonic Water"),
    ("deli", "fresh dips tapenades", 355_685, "Hummus|Guacamole|Salsa|Tzatziki|Olive Tapenade"),
    ("canned goods", "soup broth bouillon", 346_464, "Chicken Broth|Vegetable Broth|Tomato Soup|Bone Broth|Bouillon Cubes"),
    ("beverages", "juice nectars", 333_933, "Apple Juice|Grape Juice|Cranberry Juice|Mango Nectar|Coconut Water"),
    ("pantry", "baking ingredients", 326_692, "All Purpose Flour|Cane Sugar|Baking Soda|Brown Sugar|Vanilla Extract"),
    ("dairy eggs", "cream", 318_002, "Half and Half|Heavy Cream|Sour Cream|Coffee Creamer|Whipped Cream"),
    ("dairy eggs", "other creams cheeses", 308_007, "Cream Cheese|Cottage Cheese|Ricotta|Mascarpone|Goat Cheese"),
    ("snacks", "nuts seeds dried fruit", 306_487, "Almonds|Cashews|Raisins|Walnuts|Pumpkin Seeds"),
    ("meat seafood", "hot dogs bacon sausage", 305_655, "Bacon|Hot Dogs|Breakfast Sausage|Chorizo|Bratwurst"),
    ("snacks", "candy chocolate", 300_567, "Dark Chocolate|Milk Chocolate Bar|Gummy Bears|Peanut Butter Cups|Licorice"),
    ("canned goods", "canned jarred vegetables", 297_037, "Diced Tomatoes|Sweet Corn|Green Beans|Tomato Paste|Artichoke Hearts"),
    ("pantry", "spreads", 289_400, "Peanut Butter|Almond Butter|Strawberry Jam|Hazelnut Spread|Honey Butter"),
    ("produce", "packaged produce", 276_028, "Cherry Tomatoes|Persian Cucumbers|Sweet Potatoes|Mushrooms|Garlic Bulbs"),
    ("canned goods", "canned meals beans", 270_314, "Black Beans|Chickpeas|Refried Beans|Kidney Beans|Baked Beans"),
    ("dry goods pasta", "dry pasta", 266_637, "Spaghetti|Penne|Rigatoni|Fusilli|Elbow Macaroni"),
    ("dairy eggs", "butter", 254_317, "Salted Butter|Unsalted Butter|Ghee|Cultured Butter|Butter Sticks"),
    ("bakery", "breakfast bakery", 250_770, "Bagels|Croissants|English Muffins|Blueberry Muffins|Cinnamon Rolls"),
    ("beverages", "tea", 249_341, "Green Tea|Black Tea|Chamomile Tea|Earl Grey|Herbal Tea"),
    ("pantry", "oils vinegars", 245_466, "Extra Virgin Olive Oil|Avocado Oil|Balsamic Vinegar|Coconut Oil|Apple Cider Vinegar"),
    ("household", "paper goods", 242_996, "Paper Towels|Toilet Paper|Facial Tissues|Napkins|Paper Plates"),
    ("snacks", "cookies cakes", 234_065, "Chocolate Chip Cookies|Shortbread|Sandwich Cookies|Snack Cakes|Oatmeal Cookies"),
    ("frozen", "frozen breakfast", 232_763, "Waffles|Pancakes|Breakfast Burritos|French Toast Sticks|Breakfast Sandwiches"),
    ("pantry", "condiments", 222_049, "Ketchup|Yellow Mustard|Mayonnaise|Hot Sauce|Sriracha"),
    ("dry goods pasta", "pasta sauce", 218_387, "Marinara|Tomato Basil Sauce|Alfredo Sauce|Pesto|Vodka Sauce"),
    ("pantry", "spices seasonings", 212_092, "Sea Salt|Black Pepper|Garlic Powder|Cinnamon|Smoked Paprika"),
    ("beverages", "coffee", 207_075, "Ground Coffee|Whole Bean Coffee|Espresso|Coffee Pods|Instant Coffee"),
    ("dry goods pasta", "instant foods", 200_687, "Ramen|Instant Noodles|Mac and Cheese Cups|Couscous Mix|Instant Rice"),
    ("frozen", "frozen appetizers sides", 194_582, "Potstickers|Mozzarella Sticks|French Fries|Tater Tots|Spring Rolls"),
    ("bakery", "tortillas flat bread", 193_297, "Flour Tortillas|Corn Tortillas|Naan|Pita Bread|Lavash"),
    ("snacks", "fruit vegetable snacks", 175_757, "Fruit Snacks|Apple Chips|Fruit Leather|Veggie Crisps|Applesauce Pouches"),
    ("international", "asian foods", 166_607, "Soy Sauce|Rice Noodles|Coconut Curry Sauce|Miso Paste|Seaweed Snacks"),
    ("snacks", "popcorn jerky", 163_524, "Popcorn|Beef Jerky|Kettle Corn|Turkey Jerky|Pork Rinds"),
    ("frozen", "frozen pizza", 162_218, "Pizza|Flatbread Pizza|Pizza Rolls|Thin Crust Pizza|Cauliflower Crust Pizza"),
    ("breakfast", "hot cereal pancake mixes", 158_164, "Oatmeal|Pancake Mix|Grits|Steel Cut Oats|Waffle Mix"),
    ("dry goods pasta", "grains rice dried goods", 144_189, "Jasmine Rice|Quinoa|Brown Rice|Lentils|Rolled Oats"),
    ("meat seafood", "poultry counter", 129_514, "Chicken Breasts|Chicken Thighs|Ground Turkey|Whole Chicken|Chicken Wings"),
    ("deli", "tofu meat alternatives", 129_474, "Firm Tofu|Tempeh|Veggie Burgers|Plant Based Crumbles|Seitan"),
    ("household", "cleaning products", 118_477, "All Purpose Cleaner|Disinfecting Wipes|Glass Cleaner|Scrub Sponges|Bleach"),
    ("meat seafood", "packaged poultry", 118_437, "Chicken Tenders|Rotisserie Chicken|Chicken Sausage|Turkey Breast|Chicken Drumsticks"),
    ("bakery", "buns rolls", 113_015, "Hamburger Buns|Hot Dog Buns|Dinner Rolls|Brioche Buns|Hoagie Rolls"),
    ("pantry", "pickled goods olives", 112_639, "Dill Pickles|Kalamata Olives|Sauerkraut|Pickled Jalapeños|Capers"),
    ("pantry", "preserved dips spreads", 108_691, "Salsa Con Queso|Bean Dip|Artichoke Dip|Roasted Pepper Spread|Pimento Spread"),
    ("pantry", "doughs gelatins bake mixes", 106_089, "Brownie Mix|Cake Mix|Gelatin Dessert|Pie Crust|Cornbread Mix"),
    ("beverages", "energy sports drinks", 103_615, "Energy Drink|Sports Drink|Electrolyte Water|Energy Shot|Recovery Drink"),
    ("breakfast", "granola", 101_959, "Granola|Muesli|Granola Clusters|Grain Free Granola|Nut Butter Granola"),
    ("frozen", "frozen vegan vegetarian", 99_369, "Veggie Nuggets|Meatless Meatballs|Falafel|Veggie Sausages|Cauliflower Rice"),
    ("pantry", "salad dressing toppings", 99_331, "Ranch Dressing|Caesar Dressing|Croutons|Vinaigrette|Salad Toppers"),
    ("deli", "prepared meals", 99_032, "Chicken Salad|Pasta Salad|Sushi Roll|Macaroni Salad|Mashed Potatoes"),
    ("household", "dish detergents", 94_927, "Dish Soap|Dishwasher Pods|Dishwasher Detergent|Rinse Aid|Dish Brush"),
    ("household", "laundry", 94_354, "Laundry Detergent|Fabric Softener|Dryer Sheets|Stain Remover|Laundry Pods"),
    ("canned goods", "canned fruit applesauce", 87_197, "Applesauce|Peach Slices|Mandarin Oranges|Pineapple Chunks|Fruit Cocktail"),
    ("dairy eggs", "specialty cheeses", 82_491, "Brie|Gouda|Manchego|Gruyère|Blue Cheese"),
    ("international", "latino foods", 74_947, "Taco Shells|Enchilada Sauce|Salsa Verde|Chipotle Peppers|Tostadas"),
    ("deli", "prepared soups salads", 71_928, "Chicken Noodle Soup|Tomato Bisque|Lentil Soup|Garden Salad|Cobb Salad"),
    ("breakfast", "breakfast bars pastries", 71_860, "Toaster Pastries|Breakfast Biscuits|Cereal Bars|Soft Baked Bars|Oat Squares"),
    ("frozen", "frozen meat seafood", 71_742, "Frozen Shrimp|Frozen Salmon Fillets|Frozen Chicken Breasts|Fish Sticks|Frozen Meatballs"),
    ("meat seafood", "meat counter", 70_887, "Ground Beef|Ribeye Steak|Pork Chops|Sirloin|Lamb Chops"),
    ("missing", "missing", 69_145, "Item|Assorted Item|Seasonal Item|Variety Item|Special Item"),
    ("canned goods", "canned meat seafood", 67_046, "Tuna|Canned Salmon|Sardines|Canned Chicken|Anchovies"),
    ("pantry", "honeys syrups nectars", 66_926, "Honey|Maple Syrup|Agave Nectar|Molasses|Pancake Syrup"),
    ("household", "food storage", 65_946, "Zipper Bags|Plastic Wrap|Aluminum Foil|Parchment Paper|Storage Containers"),
    ("personal care", "soap", 64_059, "Bar Soap|Hand Soap|Liquid Hand Soap|Foaming Hand Soap|Castile Soap"),
    ("personal care", "oral hygiene", 63_749, "Toothpaste|Mouthwash|Dental Floss|Toothbrush|Whitening Strips"),
    ("pets", "cat food care", 63_421, "Dry Cat Food|Wet Cat Food|Cat Treats|Cat Litter|Kitten Food"),
    ("pantry", "marinades meat preparation", 62_510, "Teriyaki Marinade|BBQ Sauce|Dry Rub|Steak Sauce|Worcestershire Sauce"),
    ("alcohol", "beers coolers", 48_657, "IPA|Lager|Pale Ale|Hard Seltzer|Stout"),
    ("personal care", "vitamins supplements", 45_059, "Multivitamin|Vitamin D3|Fish Oil|Probiotic|Vitamin C Gummies"),
    ("household", "plates bowls cups flatware", 43_348, "Plastic Cups|Paper Bowls|Plastic Forks|Party Plates|Compostable Cutlery"),
    ("personal care", "body lotions soap", 40_768, "Body Lotion|Body Wash|Shea Butter Cream|Hand Cream|Body Oil"),
    ("frozen", "frozen breads doughs", 40_208, "Garlic Bread|Pizza Dough|Frozen Dinner Rolls|Puff Pastry|Biscuit Dough"),
    ("dairy eggs", "refrigerated pudding desserts", 37_691, "Chocolate Pudding|Rice Pudding|Crème Brûlée|Flan|Tapioca Pudding"),
    ("dry goods pasta", "fresh pasta", 36_727, "Cheese Ravioli|Tortellini|Fresh Fettuccine|Gnocchi|Fresh Linguine"),
    ("personal care", "protein meal replacements", 36_599, "Protein Powder|Protein Shake|Meal Replacement Shake|Whey Protein|Plant Protein"),
    ("other", "other", 36_291, "Gift Card|Reusable Bag|Gift Wrap|Greeting Card|Batteries"),
    ("snacks", "trail mix snack mix", 35_590, "Trail Mix|Snack Mix|Mixed Nuts|Party Mix|Cranberry Nut Mix"),
    ("alcohol", "red wines", 35_181, "Cabernet Sauvignon|Pinot Noir|Merlot|Malbec|Red Blend"),
    ("bakery", "bakery desserts", 34_871, "Carrot Cake|Brownies|Cheesecake|Cupcakes|Apple Pie"),
    ("pets", "dog food care", 34_303, "Dry Dog Food|Wet Dog Food|Dog Treats|Dental Chews|Puppy Food"),
    ("meat seafood", "packaged meat", 33_865, "Beef Patties|Pork Tenderloin|Meatballs|Steak Tips|Pulled Pork"),
    ("household", "trash bags liners", 32_081, "Trash Bags|Kitchen Bags|Compost Bags|Recycling Bags|Lawn Bags"),
    ("personal care", "hair care", 32_013, "Shampoo|Conditioner|Hair Gel|Dry Shampoo|Hair Mask"),
    ("alcohol", "white wines", 30_558, "Chardonnay|Sauvignon Blanc|Pinot Grigio|Riesling|Moscato"),
    ("meat seafood", "seafood counter", 29_642, "Salmon Fillet|Cod Fillet|Shrimp|Tilapia|Scallops"),
    ("alcohol", "spirits", 28_102, "Vodka|Bourbon|Tequila|Gin|Rum"),
    ("personal care", "digestion", 26_873, "Antacid Tablets|Fiber Supplement|Digestive Enzymes|Stool Softener|Ginger Chews"),
    ("personal care", "cold flu allergy", 26_061, "Cough Drops|Allergy Relief|Nasal Spray|Cold Relief Syrup|Zinc Lozenges"),
    ("babies", "diapers wipes", 24_605, "Diapers|Baby Wipes|Training Pants|Swim Diapers|Overnight Diapers"),
    ("pantry", "baking supplies decor", 23_692, "Sprinkles|Cupcake Liners|Food Coloring|Chocolate Chips|Birthday Candles"),
    ("snacks", "mint gum", 22_664, "Chewing Gum|Breath Mints|Spearmint Gum|Peppermint Tins|Bubble Gum"),
    ("beverages", "cocoa drink mixes", 21_214, "Hot Cocoa Mix|Chai Latte Mix|Malted Milk Powder|Drink Mix|Matcha Powder"),
    ("meat seafood", "packaged seafood", 20_931, "Smoked Salmon|Crab Meat|Lobster Tails|Cooked Shrimp|Fish Cakes"),
    ("household", "air fresheners candles", 19_851, "Scented Candle|Air Freshener Spray|Plug In Refill|Reed Diffuser|Odor Eliminator"),
    ("personal care", "feminine care", 19_753, "Tampons|Pads|Panty Liners|Feminine Wash|Menstrual Cup"),
    ("frozen", "frozen dessert", 19_319, "Frozen Cheesecake|Ice Cream Sandwiches|Frozen Pie|Mochi|Ice Cream Bars"),
    ("personal care", "muscles joints pain relief", 18_683, "Pain Reliever|Ibuprofen Tablets|Muscle Rub|Heat Wraps|Joint Support"),
    ("household", "more household", 17_514, "Light Bulbs|Lint Roller|Matches|Rubber Gloves|Mop Refills"),
    ("bulk", "bulk dried fruits vegetables", 17_368, "Dried Apricots|Dried Mango|Banana Chips|Dried Cranberries|Dried Figs"),
    ("bulk", "bulk grains rice dried goods", 17_205, "Bulk Oats|Bulk Rice|Bulk Lentils|Bulk Quinoa|Bulk Split Peas"),
    ("international", "indian foods", 15_901, "Tikka Masala Sauce|Basmati Rice|Chana Masala|Mango Chutney|Papadums"),
    ("personal care", "deodorants", 14_815, "Deodorant|Antiperspirant|Deodorant Spray|Aluminum Free Deodorant|Roll On Deodorant"),
    ("personal care", "facial care", 12_169, "Facial Cleanser|Face Moisturizer|Micellar Water|Face Mask|Eye Cream"),
    ("international", "kosher foods", 11_798, "Matzo|Gefilte Fish|Matzo Ball Mix|Kosher Pickles|Challah"),
    ("snacks", "ice cream toppings", 11_202, "Chocolate Syrup|Caramel Sauce|Waffle Cones|Maraschino Cherries|Hot Fudge"),
    ("alcohol", "specialty wines champagnes", 11_198, "Champagne|Prosecco|Rosé|Sparkling Wine|Port"),
    ("personal care", "first aid", 10_872, "Bandages|Antiseptic Spray|Gauze Pads|Hydrogen Peroxide|First Aid Tape"),
    ("personal care", "shave needs", 10_344, "Razors|Shave Gel|Razor Cartridges|Shaving Cream|Aftershave Balm"),
    ("personal care", "skin care", 10_164, "Sunscreen|Lip Balm|Aloe Gel|Healing Ointment|Body Scrub"),
    ("household", "kitchen supplies", 9_172, "Baking Pan|Measuring Cups|Cutting Board|Kitchen Towels|Oven Mitt"),
    ("personal care", "eye ear care", 8_974, "Eye Drops|Contact Solution|Ear Drops|Lens Wipes|Cotton Swabs"),
    ("babies", "baby bath body care", 8_581, "Baby Shampoo|Baby Lotion|Diaper Cream|Baby Wash|Baby Oil"),
    ("babies", "baby accessories", 8_160, "Pacifiers|Baby Bottles|Bibs|Sippy Cup|Teether"),
    ("personal care", "beauty", 6_168, "Nail Polish|Mascara|Makeup Remover|Lip Gloss|Cotton Rounds"),
    ("frozen", "frozen juice", 4_853, "Frozen Orange Juice|Frozen Lemonade|Frozen Limeade|Juice Concentrate|Frozen Smoothie Packs"),
)

# Name parts (ours), each with a relative weight: the empty brand leaves names
# unbranded like loose produce; a few brands carry non-ASCII letters or a trademark
# sign (the release has ~0.6% such names); variants after a comma make ~7% of names
# quoted CSV fields, like the release's 3,330 of 49,688.
BRANDS = {
    "": 12, "Maple Hollow": 1, "Sunny Acres": 1, "Blue Heron": 1, "Golden Fields": 1,
    "Crescent Bay": 1, "Little Oak": 1, "Copper Kettle": 1, "Prairie Gold": 1, "Harbor Lane": 1,
    "Velvet Ridge": 1, "Wild Meadow": 1, "North Fork": 1, "Stone Mill": 1, "Green Valley": 1,
    "Red Barn": 1, "Silver Creek": 1, "Honey Hill": 1, "Pine Grove": 1, "Orchard Lane": 1,
    "Bright Morning": 1, "Coastal Kitchen": 1, "Twin Rivers": 1, "Evergreen Pantry": 1,
    "Sierra Sun": 1, "Hearth & Home": 1, "Farmer Joe's": 1, "Grandma Rosa's": 1,
    "Sunrise Co.": 1, "Greenleaf": 1, "Mountain Spring": 1, "Big Sky": 1, "Simple Path": 1,
    "Café Olé": 0.05, "Crème Valley": 0.05, "Purely Good™": 0.05, "Happy Belly™": 0.05,
}
FOOD_MODIFIERS = {
    "": 6, "Organic": 3, "Classic": 1, "Original": 1, "Natural": 1, "Light": 1, "Whole": 1,
    "Gluten Free": 1, "Low Sodium": 1, "Homestyle": 1, "Roasted": 1, "Spicy": 1, "Mini": 1,
    "Family Size": 1, "Sauté Ready": 0.05, "Jalapeño": 0.05,
}
FOOD_VARIANTS = {
    "": 93, ", Original": 1, ", Unsweetened": 1, ", Lightly Salted": 1, ", Family Size": 1,
    ", Value Pack": 1, ", 16 oz": 1, ", 6 Count": 1,
}
NONFOOD_MODIFIERS = {
    "": 6, "Ultra": 1, "Sensitive": 1, "Everyday": 1, "Fresh Scent": 1, "Unscented": 1,
    "Lavender": 1, "Extra Strength": 1, "Travel Size": 1, "Eco": 1, "Gentle": 1,
}
NONFOOD_VARIANTS = {
    "": 93, ", Unscented": 1, ", Refill": 1, ", Value Pack": 1, ", 2 Count": 1,
    ", Fresh Scent": 1, ", Travel Size": 1, ", Lavender & Mint": 1,
}
NONFOOD_DEPARTMENTS = ("household", "personal care", "other")
# Departments whose product names sometimes start with a size in inches: 9" ...
INCH_DEPARTMENTS = ("household", "bakery", "frozen")
INCH_SIZES = ("6", "8", "9", "10", "12", "13")
INCH_SHARE = 0.03  # of products in those departments
# fmt: on


def log(message: str, started: float, quiet: bool) -> None:
    """Print one progress line with elapsed seconds to stderr unless quiet."""
    if not quiet:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)


def shares(counts) -> np.ndarray:
    """Normalise a sequence of counts to probabilities (float64)."""
    array = np.asarray(counts, dtype=np.float64)
    return array / array.sum()


def draw_categories(rng: np.random.Generator, probabilities: np.ndarray, size: int) -> np.ndarray:
    """Draw `size` indices 0..k-1 with the given probabilities (inverse CDF)."""
    cdf = np.cumsum(probabilities)
    cdf /= cdf[-1]
    return np.searchsorted(cdf, rng.random(size), side="right").astype(np.int32)


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Split an integer total in proportion to weights, summing exactly to total."""
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    remainder = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return counts


def exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    """Cumulative sum shifted right by one, so it starts at 0."""
    return np.concatenate(([0], np.cumsum(values)[:-1]))


def sort_by_group(group: np.ndarray) -> tuple:
    """Sort line indices by group, keeping draw order within a group.

    Packs (group, index) into one int64 key so a plain np.sort (much faster than
    argsort) does the work. Returns (line index, group) in sorted order.
    """
    index_bits = max(1, int(len(group)).bit_length())
    if len(group) and int(group.max()) >= 1 << (63 - index_bits):
        raise ValueError("sort_by_group: group values too large to pack with the index")
    keys = np.sort((group.astype(np.int64) << index_bits) | np.arange(len(group), dtype=np.int64))
    return keys & ((1 << index_bits) - 1), keys >> index_bits


def new_group(sorted_values: np.ndarray) -> np.ndarray:
    """True where a run of equal values starts in a sorted array."""
    return np.concatenate(([True], sorted_values[1:] != sorted_values[:-1]))


def run_start(starts: np.ndarray) -> np.ndarray:
    """For each element, the index where its run starts (runs flagged by `starts`)."""
    return np.maximum.accumulate(np.where(starts, np.arange(len(starts)), 0))


# ---------------------------------------------------------------------------
# Catalogue: departments, aisles, products
# ---------------------------------------------------------------------------
def build_departments_and_aisles():
    """Return department names, aisle names, aisle department ids and aisle line shares.

    Ids are assigned in alphabetical order of the names (1-based).
    """
    department_names = sorted({row[0] for row in AISLES})
    department_id = {name: i + 1 for i, name in enumerate(department_names)}
    aisle_rows = sorted(AISLES, key=lambda row: row[1])
    aisle_names = [row[1] for row in aisle_rows]
    aisle_department = np.array([department_id[row[0]] for row in aisle_rows], dtype=np.int32)
    aisle_lines = np.array([row[2] for row in aisle_rows], dtype=np.float64)
    aisle_nouns = [row[3].split("|") for row in aisle_rows]
    return department_names, aisle_names, aisle_department, aisle_lines / aisle_lines.sum(), aisle_nouns


def build_products(rng: np.random.Generator, aisle_share: np.ndarray, aisle_department: np.ndarray, n_products: int):
    """Assign products to aisles and give each a within-aisle popularity weight.

    Returns (aisle_id per product, department_id per product, popularity share per
    product), indexed by product_id - 1; ids are shuffled across aisles.
    """
    per_aisle = largest_remainder(aisle_share**PRODUCTS_PER_AISLE_EXPONENT, n_products)
    aisle_index = np.repeat(np.arange(len(aisle_share)), per_aisle)
    first_of_aisle = np.concatenate(([0], np.cumsum(per_aisle)[:-1]))
    rank = np.arange(n_products) - np.repeat(first_of_aisle, per_aisle) + 1
    zipf = rank.astype(np.float64) ** -ZIPF_EXPONENT
    zipf_total = np.bincount(aisle_index, weights=zipf, minlength=len(aisle_share))
    popularity = aisle_share[aisle_index] * zipf / zipf_total[aisle_index]
    order = rng.permutation(n_products)  # product_id - 1 -> catalogue position
    aisle_index = aisle_index[order]
    return (aisle_index + 1).astype(np.int32), aisle_department[aisle_index], popularity[order]


def with_space(words: np.ndarray) -> np.ndarray:
    """Append a space to each non-empty string (for joining optional name parts)."""
    return np.where(words != "", np.strings.add(words, " "), words)


def product_names(
    rng: np.random.Generator, aisle_id: np.ndarray, department_id: np.ndarray, department_names, aisle_nouns
) -> list[str]:
    """Synthesise unique product names '[size"] [Brand] [Modifier] Noun[, Variant]'.

    Within an aisle each product gets a distinct (brand, modifier, noun) triple,
    drawn by weight without replacement; nouns belong to one aisle and the optional
    size prefix and variant suffix keep names distinct, so names never repeat.
    """
    text = np.dtypes.StringDType()
    names = np.empty(len(aisle_id), dtype=text)
    inch_ids = [department_names.index(d) + 1 for d in INCH_DEPARTMENTS]
    for aisle in np.unique(aisle_id):  # one vectorised pass per aisle (134)
        members = np.flatnonzero(aisle_id == aisle)
        nonfood = department_names[department_id[members[0]] - 1] in NONFOOD_DEPARTMENTS
        modifiers = NONFOOD_MODIFIERS if nonfood else FOOD_MODIFIERS
        nouns = aisle_nouns[aisle - 1]
        weight = np.multiply.outer(
            np.multiply.outer(list(BRANDS.values()), list(modifiers.values())), np.ones(len(nouns))
        ).ravel()
        codes = rng.choice(len(weight), size=len(members), replace=False, p=weight / weight.sum())
        brand, modifier, noun = np.unravel_index(codes, (len(BRANDS), len(modifiers), len(nouns)))
        variants = NONFOOD_VARIANTS if nonfood else FOOD_VARIANTS
        variant = np.array(list(variants), dtype=text)[
            draw_categories(rng, shares(list(variants.values())), len(members))
        ]
        inch = np.array([size + '"' for size in INCH_SIZES], dtype=text)[rng.integers(0, len(INCH_SIZES), len(members))]
        inch[~np.isin(department_id[members], inch_ids) | (rng.random(len(members)) >= INCH_SHARE)] = ""
        name = np.strings.add(with_space(inch), with_space(np.array(list(BRANDS), dtype=text)[brand]))
        name = np.strings.add(name, with_space(np.array(list(modifiers), dtype=text)[modifier]))
        names[members] = np.strings.add(np.strings.add(name, np.array(nouns, dtype=text)[noun]), variant)
    return names.tolist()


def build_catalog(rng: np.random.Generator) -> dict:
    """Build departments, aisles and products plus the weights used to draw lines.

    department_share: published share of lines per department (from aisle rows);
    new_product_cdf / product_by_block: products grouped by department with their
    popularity within it (see draw_new_products); copy_propensity: how readily a
    department's products are re-bought, proportional to its reorder rate.
    """
    department_names, aisle_names, aisle_department, aisle_share, aisle_nouns = build_departments_and_aisles()
    aisle_id, department_id, popularity = build_products(rng, aisle_share, aisle_department, FULL_PRODUCTS)
    names = product_names(rng, aisle_id, department_id, department_names, aisle_nouns)
    department_share = np.bincount(aisle_department - 1, weights=aisle_share)
    by_block = np.argsort(department_id, kind="stable")
    block = department_id[by_block] - 1
    within = popularity[by_block] / department_share[block]
    cumulative = np.cumsum(within) - exclusive_cumsum(np.bincount(block, weights=within))[block]
    cumulative[np.r_[block[1:] != block[:-1], True]] = 1.0  # each block ends exactly at 1
    reorder_rate = np.array([DEPARTMENT_REORDER_RATE[name] for name in department_names])
    return {
        "department_names": department_names,
        "aisle_names": aisle_names,
        "product_names": names,
        "aisle_id": aisle_id,
        "department_id": department_id,
        "department_share": department_share,
        "new_product_cdf": block + cumulative,
        "product_by_block": by_block.astype(np.int32),
        "copy_propensity": (reorder_rate / reorder_rate.max()) ** COPY_PROPENSITY_EXPONENT,
    }


# ---------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------
def orders_per_user_distribution() -> np.ndarray:
    """Probabilities of 4..100 orders per user (heavy tail, pile-up at 100)."""
    n = np.arange(MIN_ORDERS, 2_000, dtype=np.float64)
    offset = n - MIN_ORDERS
    weight = (offset + ORDERS_PER_USER_OFFSET) ** -ORDERS_PER_USER_POWER * np.exp(-offset / ORDERS_PER_USER_DECAY)
    last = MAX_ORDERS - MIN_ORDERS
    probabilities = weight[: last + 1].copy()
    probabilities[last] = ORDERS_PER_USER_PILEUP * weight[last:].sum()
    return probabilities / probabilities.sum()


def basket_size_distribution() -> np.ndarray:
    """Probabilities of basket sizes 1..MAX_BASKET: published head, fitted tail."""
    head = np.asarray(BASKET_COUNTS_1_TO_10, dtype=np.float64) / BASKET_OBSERVED_ORDERS
    beyond = np.arange(11, MAX_BASKET + 1) - 10.0
    tail = np.exp(-BASKET_TAIL_A * beyond**BASKET_TAIL_B) + BASKET_TAIL_EPS * np.exp(-beyond / BASKET_TAIL_SCALE)
    tail *= (1.0 - head.sum()) / tail.sum()
    return np.concatenate((head, tail))


def draw_habitual(
    rng: np.random.Generator, probabilities: np.ndarray, owner: np.ndarray, n_owners: int, habit: float
) -> np.ndarray:
    """Draw one value per row; with chance `habit` reuse the owner's habitual value.

    Both the habitual and the fresh values follow `probabilities`, so the marginal
    distribution is exactly the published one.
    """
    habitual = draw_categories(rng, probabilities, n_owners)[owner]
    fresh = draw_categories(rng, probabilities, len(owner))
    return np.where(rng.random(len(owner)) < habit, habitual, fresh)


def draw_basket_sizes(rng: np.random.Generator, owner: np.ndarray, n_owners: int, shift: np.ndarray) -> np.ndarray:
    """Draw basket sizes with the published distribution and a per-user tendency.

    A latent score (user part + order part + shift) is ranked across all orders and
    the rank mapped through the size distribution's inverse CDF (a rank copula).
    """
    user_part = rng.standard_normal(n_owners)[owner]
    latent = (
        np.sqrt(BASKET_USER_VARIANCE_SHARE) * user_part
        + np.sqrt(1 - BASKET_USER_VARIANCE_SHARE) * rng.standard_normal(len(owner))
        + shift
    )
    scaled = (latent - latent.min()) / (np.ptp(latent) + 1e-12) * 2.0**36  # monotone, integral
    uniform = np.empty(len(owner))
    uniform[sort_by_group(scaled.astype(np.int64))[0]] = (np.arange(len(owner)) + 0.5) / len(owner)
    cdf = np.cumsum(basket_size_distribution())
    return (np.searchsorted(cdf / cdf[-1], uniform, side="right") + 1).astype(np.int16)


def build_orders(rng: np.random.Generator, n_users: int) -> dict:
    """Draw users' order histories: one row per order, sorted by user and order_number.

    Columns: user_id, order_number, eval_code (0 prior, 1 train, 2 test), order_dow,
    order_hour_of_day, days (-1 on first orders), order_id, basket (0 for test).
    """
    n_orders = (draw_categories(rng, orders_per_user_distribution(), n_users) + MIN_ORDERS).astype(np.int32)
    is_test = np.zeros(n_users, dtype=bool)
    is_test[rng.choice(n_users, size=round(n_users * FULL_TEST_USERS / FULL_USERS), replace=False)] = True

    user_index = np.repeat(np.arange(n_users, dtype=np.int32), n_orders)
    first_order = np.concatenate(([0], np.cumsum(n_orders)[:-1]))
    order_number = (np.arange(len(user_index)) - first_order[user_index] + 1).astype(np.int16)
    is_last = order_number == n_orders[user_index]
    eval_code = np.where(is_last, np.where(is_test[user_index], 2, 1), 0).astype(np.int8)

    days = draw_habitual(rng, shares(DAYS_ORDERS), user_index, n_users, DAYS_HABIT).astype(np.int8)
    days[order_number == 1] = -1
    observed = eval_code != 2
    basket = np.zeros(len(user_index), dtype=np.int16)
    basket[observed] = draw_basket_sizes(
        rng, user_index[observed], n_users, np.where(eval_code[observed] == 1, TRAIN_BASKET_SHIFT, 0.0)
    )
    id_space = max(ORDER_ID_SPACE, len(user_index))
    return {
        "user_id": user_index + 1,
        "order_number": order_number,
        "eval_code": eval_code,
        "order_dow": draw_habitual(rng, shares(DOW_ORDERS), user_index, n_users, DOW_HABIT).astype(np.int8),
        "order_hour_of_day": draw_habitual(rng, shares(HOUR_ORDERS), user_index, n_users, HOUR_HABIT).astype(np.int8),
        "days": days,
        "order_id": (rng.choice(id_space, size=len(user_index), replace=False) + 1).astype(np.int32),
        "basket": basket,
        "first_order": first_order,
        "n_orders": n_orders,
    }


def build_dated_orders(rng: np.random.Generator, n_users: int, end_day: int) -> dict:
    """Draw users' dated order histories over the period ending on end_day.

    Same columns as build_orders plus day (days from 1970-01-01). order_dow is the
    date's weekday, days the gap to the user's previous order capped at 30, the last
    order of each user train and the others prior; same-day orders follow their hour.
    Order ids run 1..n in order of date and hour, like a live order log.
    """
    user_index, day = cal.simulate_order_days(rng, n_users, end_day, shares(DOW_ORDERS), MAX_ORDERS)
    user_index = user_index.astype(np.int32)
    hour = draw_habitual(rng, shares(HOUR_ORDERS), user_index, n_users, HOUR_HABIT).astype(np.int8)
    by_user_and_time = np.lexsort((hour, day, user_index))
    user_index, day, hour = user_index[by_user_and_time], day[by_user_and_time], hour[by_user_and_time]

    n_orders = np.bincount(user_index, minlength=n_users).astype(np.int32)
    first_order = exclusive_cumsum(n_orders)
    order_number = (np.arange(len(user_index)) - first_order[user_index] + 1).astype(np.int16)
    days = np.minimum(np.diff(day, prepend=day[0]), 30).astype(np.int8)
    days[order_number == 1] = -1
    basket = draw_basket_sizes(rng, user_index, n_users, np.zeros(len(user_index)))
    order_id = np.empty(len(day), dtype=np.int32)
    order_id[np.lexsort((rng.random(len(day)), hour, day))] = np.arange(1, len(day) + 1)
    return {
        "user_id": user_index + 1,
        "order_number": order_number,
        "eval_code": (order_number == n_orders[user_index]).astype(np.int8),
        "order_dow": cal.weekday_sunday_zero(day).astype(np.int8),
        "order_hour_of_day": hour,
        "days": days,
        "order_id": order_id,
        "basket": basket,
        "first_order": first_order,
        "n_orders": n_orders,
        "day": day.astype(np.int32),
    }


# ---------------------------------------------------------------------------
# Order lines
# ---------------------------------------------------------------------------
def resolve_pointers(pointer: np.ndarray) -> np.ndarray:
    """Follow each line's copy pointer back to its root line (pointer doubling)."""
    while True:
        jumped = pointer[pointer]
        if np.array_equal(jumped, pointer):
            return pointer
        pointer = jumped


def draw_new_products(rng: np.random.Generator, department: np.ndarray, catalog: dict) -> np.ndarray:
    """Draw a product of each given department (0-based) by popularity within it.

    `new_product_cdf` holds, per department block, department index + cumulative
    popularity share, so one search over it draws from every block at once.
    """
    # keep the target strictly below department + 1, whatever the float rounding
    target = department + rng.random(len(department)) * (1 - 1e-9)
    return catalog["product_by_block"][np.searchsorted(catalog["new_product_cdf"], target, side="right")]


def earlier_purchases(line_order: np.ndarray, user_department: np.ndarray) -> dict:
    """Index, for each line, the user's purchases in the same department in earlier orders.

    Lines sorted by (user, department, draw order) list each user's purchases in a
    department oldest first; for line i they are sorted[first[i] : first[i] + count[i]].
    """
    line, group = sort_by_group(user_department)
    group_start = run_start(new_group(group))
    order_start = run_start(new_group(group) | new_group(line_order[line]))
    first = np.empty(len(line), dtype=np.int64)
    count = np.empty(len(line), dtype=np.int64)
    first[line] = group_start
    count[line] = order_start - group_start
    return {"sorted": line, "first": first, "count": count}


def pick_earlier(rng: np.random.Generator, lines: np.ndarray, earlier: dict) -> np.ndarray:
    """Pick, for each given line, one of its earlier purchases at random (a line index)."""
    offset = np.floor(rng.random(len(lines)) * earlier["count"][lines]).astype(np.int64)
    return earlier["sorted"][earlier["first"][lines] + offset]


def draw_user_departments(
    rng: np.random.Generator, share: np.ndarray, line_user: np.ndarray, n_users: int
) -> np.ndarray:
    """Draw each line's department from its user's own department mix.

    Mixes are Dirichlet(DEPARTMENT_CONCENTRATION * published share), so on average
    they give the published shares, while e.g. pet owners buy pet food repeatedly.
    """
    mix = rng.gamma(np.maximum(DEPARTMENT_CONCENTRATION * share, 1e-3), size=(n_users, len(share))) + 1e-12
    mix = np.cumsum(mix, axis=1) / mix.sum(axis=1, keepdims=True)
    mix[:, -1] = 1.0  # each user's row ends exactly at 1
    cdf = (np.arange(n_users)[:, None] + mix).ravel()
    target = line_user + rng.random(len(line_user)) * (1 - 1e-9)  # stays inside the user's row
    return (np.searchsorted(cdf, target, side="right") % len(share)).astype(np.int32)


def draw_loyalty(rng: np.random.Generator, n_orders: np.ndarray, fewest: float, most: float) -> np.ndarray:
    """Draw each user's loyalty (0..1): Beta-distributed, higher for frequent shoppers.

    The mean rises with log(orders) from `fewest` (4 orders) to `most` (100 orders),
    and keeps falling below 4; LOYALTY_CONCENTRATION sets the spread around it.
    """
    position = np.log(n_orders / MIN_ORDERS) / np.log(MAX_ORDERS / MIN_ORDERS)
    mean = fewest + (most - fewest) * position
    return rng.beta(mean * LOYALTY_CONCENTRATION, (1 - mean) * LOYALTY_CONCENTRATION)


def draw_chunk_lines(
    rng: np.random.Generator,
    basket: np.ndarray,
    order_user: np.ndarray,
    n_users: int,
    catalog: dict,
    loyalty_range: tuple,
) -> dict:
    """Draw the lines of one chunk of users (orders sorted by user, order_number).

    Each line gets a department from its user's mix; it then copies the product of a
    random earlier purchase of the user in that department with chance
    loyalty * H / (H + REPERTOIRE_HALF_ITEMS) * the department's propensity, H =
    items the user bought before; otherwise it draws a new product by popularity.
    Returns the lines (grouped by order) as a dict of arrays.
    """
    line_order = np.repeat(np.arange(len(basket), dtype=np.int64), basket)
    items_before = exclusive_cumsum(basket)  # chunk-wide items bought before each order
    user_start = np.searchsorted(order_user, np.arange(n_users))
    history = items_before - items_before[user_start][order_user]  # this user's earlier items
    line_user = order_user[line_order].astype(np.int64)

    department = draw_user_departments(rng, catalog["department_share"], line_user, n_users)
    earlier = earlier_purchases(line_order, line_user * len(catalog["department_share"]) + department)
    loyalty = draw_loyalty(rng, np.bincount(order_user, minlength=n_users), *loyalty_range)[order_user]
    copy_chance = (loyalty * history / (history + REPERTOIRE_HALF_ITEMS))[line_order] * catalog["copy_propensity"][
        department
    ]
    is_copy = (rng.random(len(line_order)) < copy_chance) & (earlier["count"] > 0)

    pointer = np.arange(len(line_order), dtype=np.int64)
    copies = np.flatnonzero(is_copy)
    pointer[copies] = pick_earlier(rng, copies, earlier)
    pointer = resolve_pointers(pointer)
    roots = np.flatnonzero(pointer == np.arange(len(pointer)))
    product = np.zeros(len(pointer), dtype=np.int32)
    product[roots] = draw_new_products(rng, department[roots], catalog)
    return {
        "order": line_order,
        "user": line_user,
        "department": department,
        "product": product[pointer],
        "is_copy": is_copy,
        "earlier": earlier,
    }


def duplicates_within_orders(line_order: np.ndarray, product: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Return those of the given lines (whole orders) that repeat a product earlier in their order."""
    line, order_product = sort_by_group(line_order[lines] * FULL_PRODUCTS + product[lines])
    return lines[line[~new_group(order_product)]]


def dedupe_chunk_lines(rng: np.random.Generator, lines: dict, catalog: dict) -> np.ndarray:
    """Replace products that repeat within an order; return the mask of lines to keep.

    A duplicate copy re-picks another earlier purchase (in the first RECOPY_ROUNDS
    rounds); other duplicates, and all in later rounds, get a new product of the
    same department, so department shares hold; the rare duplicate left after
    DEDUP_ROUNDS is dropped (never an order's first line).
    """
    order, product = lines["order"], lines["product"]
    checked = np.arange(len(order))
    for round_number in range(DEDUP_ROUNDS + 1):
        redo = duplicates_within_orders(order, product, checked)
        if round_number == DEDUP_ROUNDS or len(redo) == 0:
            break
        recopy = lines["is_copy"][redo] & (round_number < RECOPY_ROUNDS)
        product[redo[recopy]] = product[pick_earlier(rng, redo[recopy], lines["earlier"])]
        product[redo[~recopy]] = draw_new_products(rng, lines["department"][redo[~recopy]], catalog)
        changed = np.zeros(order[-1] + 1, dtype=bool)
        changed[order[redo]] = True
        checked = checked[changed[order[checked]]]  # only orders that changed need a new check

    keep = np.ones(len(order), dtype=bool)
    keep[redo] = False
    return keep


def planted_drops(
    rng: np.random.Generator, line_order: np.ndarray, keep: np.ndarray, planted: np.ndarray
) -> np.ndarray:
    """Mask of the lines the planted change removes from the planted orders.

    Each planted order loses PLANTED_FRACTION of its kept lines, rounded to the
    nearest line but always leaving one; which lines go is drawn at random.
    """
    dropped = np.zeros(len(line_order), dtype=bool)
    candidates = np.flatnonzero(keep & planted[line_order])
    if len(candidates) == 0:
        return dropped
    shuffled = candidates[np.lexsort((rng.random(len(candidates)), line_order[candidates]))]
    order = line_order[shuffled]
    rank = np.arange(len(shuffled)) - run_start(new_group(order))
    size = np.bincount(order)[order]
    dropped[shuffled[rank < np.minimum(size - 1, np.floor(size * cal.PLANTED_FRACTION + 0.5))]] = True
    return dropped


def number_and_flag_lines(lines: dict, keep: np.ndarray) -> tuple:
    """Return (add_to_cart_order, reordered) of the kept lines.

    add_to_cart_order runs 1..n over each order's kept lines. In kept lines sorted by
    (user, product, draw order) a line is a reorder exactly when it is not the first
    of its (user, product) run, so dropped lines never count as history.
    """
    kept = np.flatnonzero(keep)
    line, user_product = sort_by_group(lines["user"][kept] * FULL_PRODUCTS + lines["product"][kept])
    reordered = np.zeros(len(kept), dtype=np.int8)
    reordered[line] = ~new_group(user_product)
    kept_so_far = np.cumsum(keep)
    cart = kept_so_far - (kept_so_far - keep)[run_start(new_group(lines["order"]))]
    return cart[keep].astype(np.int16), reordered


def build_lines(
    orders: dict,
    catalog: dict,
    seed_sequence: np.random.SeedSequence,
    planted_seed: np.random.SeedSequence,
    started: float,
    quiet: bool,
) -> dict:
    """Generate all order lines chunk by chunk of users.

    Returns order_index (row in `orders`), product_id, add_to_cart_order, reordered,
    grouped by order in the order of the `orders` rows, and, when `orders` has a
    planted mask, removed: lines the planted change took from each order. The
    planted change draws from its own seed, so the rest of the data is the same
    with or without it.
    """
    n_users = len(orders["n_orders"])
    chunk_starts = range(0, n_users, CHUNK_USERS)
    seeds = seed_sequence.spawn(len(chunk_starts))
    loyalty_range = (LOYALTY_FEWEST, LOYALTY_MOST)
    if "day" in orders:
        loyalty_range = (DATED_LOYALTY_FEWEST, DATED_LOYALTY_MOST)
    planted = orders.get("planted")
    planted_seeds = planted_seed.spawn(len(chunk_starts))
    removed = np.zeros(len(orders["user_id"]), dtype=np.int16)
    parts = []
    for seed, drop_seed, user_from in zip(seeds, planted_seeds, chunk_starts):
        user_to = min(user_from + CHUNK_USERS, n_users)
        order_from = orders["first_order"][user_from]
        order_to = orders["first_order"][user_to] if user_to < n_users else len(orders["user_id"])
        basket = orders["basket"][order_from:order_to].astype(np.int64)
        order_user = orders["user_id"][order_from:order_to] - 1 - user_from
        rng = np.random.default_rng(seed)
        lines = draw_chunk_lines(rng, basket, order_user, user_to - user_from, catalog, loyalty_range)
        keep = dedupe_chunk_lines(rng, lines, catalog)
        if planted is not None:
            dropped = planted_drops(
                np.random.default_rng(drop_seed), lines["order"], keep, planted[order_from:order_to]
            )
            removed[order_from:order_to] = np.bincount(lines["order"][dropped], minlength=order_to - order_from)
            keep &= ~dropped
        cart, reordered = number_and_flag_lines(lines, keep)
        parts.append(
            ((lines["order"][keep] + order_from).astype(np.int32), lines["product"][keep] + 1, cart, reordered)
        )
        log(
            f"lines: users {user_from + 1:,}-{user_to:,}, {sum(len(p[0]) for p in parts):,} lines so far",
            started,
            quiet,
        )
    return {
        "order_index": np.concatenate([p[0] for p in parts]),
        "product_id": np.concatenate([p[1] for p in parts]).astype(np.int32),
        "add_to_cart_order": np.concatenate([p[2] for p in parts]),
        "reordered": np.concatenate([p[3] for p in parts]),
        "removed": removed,
    }


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def write_small_csv(path: Path, header: list, rows) -> None:
    """Write a CSV with Python's csv module: minimal quoting, "" escaping, \\n endings."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_catalog(folder: Path, catalog: dict) -> None:
    """Write products.csv, aisles.csv and departments.csv."""
    write_small_csv(
        folder / "departments.csv", ["department_id", "department"], enumerate(catalog["department_names"], start=1)
    )
    write_small_csv(folder / "aisles.csv", ["aisle_id", "aisle"], enumerate(catalog["aisle_names"], start=1))
    write_small_csv(
        folder / "products.csv",
        ["product_id", "product_name", "aisle_id", "department_id"],
        zip(
            range(1, len(catalog["product_names"]) + 1),
            catalog["product_names"],
            catalog["aisle_id"].tolist(),
            catalog["department_id"].tolist(),
        ),
    )


def copy_to_csv(con: duckdb.DuckDBPyConnection, columns: dict, select: str, path: Path) -> None:
    """Write numpy columns through DuckDB: `select` reads from table `t`; keeps row order."""
    con.execute("SET preserve_insertion_order = true")  # the default, stated: rows keep array order
    con.register("t", columns)
    con.execute(f"COPY ({select}) TO '{path.as_posix()}' (HEADER, DELIMITER ',')")
    con.unregister("t")


def write_orders(con: duckdb.DuckDBPyConnection, folder: Path, orders: dict) -> None:
    """Write orders.csv: eval_set as text, days as a float or empty on first orders.

    Dated orders get an 8th column, order_date, as YYYY-MM-DD.
    """
    names = ["order_id", "user_id", "eval_code", "order_number", "order_dow", "order_hour_of_day", "days"]
    order_date = ""
    if "day" in orders:
        names.append("day")
        order_date = ", DATE '1970-01-01' + day AS order_date"
    copy_to_csv(
        con,
        {k: orders[k] for k in names},
        "SELECT order_id, user_id, ['prior', 'train', 'test'][eval_code + 1] AS eval_set, "
        "order_number, order_dow, order_hour_of_day, "
        f"CAST(NULLIF(days, -1) AS DOUBLE) AS days_since_prior_order{order_date} FROM t",
        folder / "orders.csv",
    )


def write_order_lines(con: duckdb.DuckDBPyConnection, path: Path, orders: dict, lines: dict, eval_code: int) -> int:
    """Write one order_products file for the orders of one eval_set, sorted by order_id.

    Lines are grouped by order, so sorting whole orders by order_id and gathering
    their line ranges gives the file order (order_id, add_to_cart_order).
    """
    n_orders = len(orders["order_id"])
    line_count = np.bincount(lines["order_index"], minlength=n_orders)
    line_start = exclusive_cumsum(line_count)
    by_id = np.full(orders["order_id"].max() + 1, -1, dtype=np.int64)  # order_id -> row (ids are unique)
    by_id[orders["order_id"]] = np.arange(n_orders)
    chosen = by_id[by_id >= 0]
    chosen = chosen[orders["eval_code"][chosen] == eval_code]
    counts = line_count[chosen]
    gather = np.repeat(line_start[chosen] - exclusive_cumsum(counts), counts) + np.arange(counts.sum())
    columns = {
        "order_id": np.repeat(orders["order_id"][chosen], counts),
        "product_id": lines["product_id"][gather],
        "add_to_cart_order": lines["add_to_cart_order"][gather],
        "reordered": lines["reordered"][gather],
    }
    del gather
    copy_to_csv(con, columns, "SELECT order_id, product_id, add_to_cart_order, reordered FROM t", path)
    return int(counts.sum())


def generation_record(args: argparse.Namespace, orders: dict, lines: dict) -> dict:
    """What generation.json holds: the arguments, the dates, and the planted change's truth."""
    record = {
        "seed": args.seed,
        "users": args.users,
        "dated": not args.undated,
        "end_date": None,
        "first_order_date": None,
        "as_of": None,
        "weeks": None,
        "complete_weeks": None,
        "reported_weeks": None,
        "planted_change": None,
    }
    if args.undated:
        return record
    day = orders["day"]
    record.update(
        end_date=args.end_date.isoformat(),
        first_order_date=cal.to_date(day.min()).isoformat(),
        as_of=cal.to_date(day.max()).isoformat(),
        **cal.weeks_covered(day),
    )
    if not args.no_planted_change:
        lines_per_order = np.bincount(lines["order_index"], minlength=len(day))
        record["planted_change"] = cal.planted_change_truth(
            orders["user_id"], day, lines_per_order, lines["removed"], orders["planted"]
        )
    return record


def describe_dates(record: dict) -> list:
    """Summary lines about the dates and the planted change (dated output only)."""
    if not record["dated"]:
        return []
    dates = (
        f"dates: {record['first_order_date']} to {record['as_of']} (as_of; end date {record['end_date']}), "
        f"{record['weeks']} ISO weeks, {record['complete_weeks']} complete, "
        f"{record['reported_weeks']} with a full {cal.KPI_WINDOW_DAYS}-day window"
    )
    change = record["planted_change"]
    if change is None:
        return [dates, "planted change: none (--no-planted-change)"]
    return [
        dates,
        (
            f"planted change: week of {change['week_start']} (vs {change['comparison_week_start']}), power "
            f"customers' orders lose {change['fraction_of_lines_dropped']:.0%} of their lines: "
            f"{change['orders_affected']:,} orders, {change['lines_removed']:,} lines removed; VPAC "
            f"{change['expected_vpac_effect']:+.3f} ({change['relative_vpac_effect']:+.2%}) over "
            f"{change['active_customers_in_window']:,} active customers"
        ),
    ]


def summarise(orders: dict, lines: dict, record: dict) -> str:
    """Return the end-of-run summary: sizes and shape figures to compare with the release."""
    eval_counts = np.bincount(orders["eval_code"], minlength=3)
    sizes = np.bincount(lines["order_index"], minlength=len(orders["order_id"]))
    sizes = sizes[orders["eval_code"] != 2]
    size_counts = np.bincount(sizes)
    median = int(np.searchsorted(np.cumsum(size_counts), (len(sizes) + 1) / 2))
    dow = np.bincount(orders["order_dow"], minlength=7)
    hour = np.bincount(orders["order_hour_of_day"], minlength=24)
    n_users = len(orders["n_orders"])
    return "\n".join(
        (
            f"users: {n_users:,} (with 100 orders: {np.mean(orders['n_orders'] == MAX_ORDERS):.2%}; "
            f"orders per user mean {orders['n_orders'].mean():.2f}, median {np.median(orders['n_orders']):.0f})",
            f"orders: {len(orders['order_id']):,} (prior {eval_counts[0]:,}, train {eval_counts[1]:,}, "
            f"test {eval_counts[2]:,})",
            f"lines: {len(lines['product_id']):,} over {len(sizes):,} observed orders",
            f"basket: mean {sizes.mean():.2f}, median {median}, mode {size_counts[1:].argmax() + 1}, max {sizes.max()}",
            f"reorder rate: {lines['reordered'].mean():.4f}",
            f"peaks: day of week {dow.argmax()} ({dow.max() / dow.sum():.1%}), "
            f"hour {hour.argmax()} ({hour.max() / hour.sum():.1%})",
            *describe_dates(record),
        )
    )


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def iso_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date for argparse."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def parse_args(argv=None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Write synthetic Instacart-format CSVs (orders, order_products__prior/train,\n"
        "products, aisles, departments) shaped like the real 2017 release, and\n"
        "generation.json saying how they were made. Files are written to a temporary\n"
        "folder next to --out and moved in when complete.\n"
        "\n"
        "By default orders are dated: orders.csv gets an 8th column, order_date, from a\n"
        f"business simulated over {cal.PERIOD_WEEKS} weeks up to --end-date; each user's last order is\n"
        "train, the others prior. In the latest complete week the power customers'\n"
        f"orders lose {cal.PLANTED_FRACTION:.0%} of their lines (a planted change, recorded in generation.json).\n"
        "--undated writes the release's shape instead: seven columns, 4..100 orders per\n"
        "user, a test holdout whose baskets are unobserved.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  python scripts/generate_data.py                   # full scale, dated, into data/raw\n"
        "  python scripts/generate_data.py --users 500 --out /tmp/raw --force\n"
        "  python scripts/generate_data.py --seed 7 --quiet  # another deterministic data set\n"
        "  python scripts/generate_data.py --end-date 2025-06-30 --no-planted-change\n"
        "  python scripts/generate_data.py --undated         # the release's shape: no dates\n"
        "\nThe same seed and arguments always give byte-identical files.",
    )
    parser.add_argument(
        "--users",
        type=int,
        default=FULL_USERS,
        help=f"number of users (default {FULL_USERS:,}, the full release); "
        "products, aisles and departments stay full size",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output folder, created if missing (default: data/raw in the project)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing files in --out")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument(
        "--end-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=f"last day of the simulated period (default {cal.DEFAULT_END_DATE}); no order is dated after it",
    )
    parser.add_argument("--no-planted-change", action="store_true", help="leave the latest complete week as simulated")
    parser.add_argument(
        "--undated", action="store_true", help="write the release's undated shape (seven columns, test holdout)"
    )
    args = parser.parse_args(argv)
    if args.users < 1:
        parser.error("--users must be at least 1")
    if args.seed < 0:
        parser.error("--seed must be non-negative")
    if args.undated and (args.end_date is not None or args.no_planted_change):
        parser.error("--end-date and --no-planted-change apply to dated output only, not with --undated")
    if not args.undated:
        args.end_date = args.end_date or cal.DEFAULT_END_DATE
        if args.end_date < cal.earliest_end_date():
            parser.error(
                f"--end-date must be {cal.earliest_end_date()} or later, so that no order "
                f"is dated before {cal.EARLIEST_DATE}"
            )
    return args


def write_orders_and_catalog(folder: Path, orders: dict, catalog: dict) -> None:
    """Write orders.csv and the three catalogue files (run alongside line generation)."""
    write_catalog(folder, catalog)
    with duckdb.connect() as con:
        write_orders(con, folder, orders)


def build_all_orders(rng: np.random.Generator, args: argparse.Namespace) -> dict:
    """Draw the orders in the requested shape; dated ones carry the planted-change mask."""
    if args.undated:
        return build_orders(rng, args.users)
    orders = build_dated_orders(rng, args.users, cal.day_number(args.end_date))
    if args.no_planted_change:
        orders["planted"] = np.zeros(len(orders["day"]), dtype=bool)
    else:
        orders["planted"] = cal.planted_orders(orders["user_id"] - 1, orders["day"], args.users)
    return orders


def generate(args: argparse.Namespace) -> None:
    """Generate all files into a temporary folder next to --out, then move them in."""
    started = time.perf_counter()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # a fourth child leaves the first three, and so the undated output, as they were
    catalog_seed, orders_seed, lines_seed, planted_seed = np.random.SeedSequence(args.seed).spawn(4)

    catalog = build_catalog(np.random.default_rng(catalog_seed))
    log(
        f"catalogue: {len(catalog['product_names']):,} products, {len(catalog['aisle_names'])} aisles, "
        f"{len(catalog['department_names'])} departments",
        started,
        args.quiet,
    )
    orders = build_all_orders(np.random.default_rng(orders_seed), args)
    log(f"orders: {len(orders['order_id']):,} for {args.users:,} users", started, args.quiet)

    staging = Path(tempfile.mkdtemp(prefix=".generate_data-", dir=out.parent))
    try:
        # orders.csv and the catalogue are written on a second thread (DuckDB releases
        # the GIL) while this one generates the order lines
        with ThreadPoolExecutor(max_workers=1) as pool:
            first_files = pool.submit(write_orders_and_catalog, staging, orders, catalog)
            lines = build_lines(orders, catalog, lines_seed, planted_seed, started, args.quiet)
            first_files.result()
        log(f"wrote orders.csv ({len(orders['order_id']):,} rows) and the catalogue", started, args.quiet)
        with duckdb.connect() as con:
            for eval_code, name in ((0, "order_products__prior.csv"), (1, "order_products__train.csv")):
                rows = write_order_lines(con, staging / name, orders, lines, eval_code)
                log(f"wrote {name} ({rows:,} rows)", started, args.quiet)
        record = generation_record(args, orders, lines)
        (staging / GENERATION_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        for name in (*OUTPUT_FILES, GENERATION_FILE):
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"done: six files and {GENERATION_FILE} in {out}", started, args.quiet)
    if not args.quiet:
        print(summarise(orders, lines, record))


def main(argv=None) -> int:
    """Entry point: refuse to overwrite existing files unless --force, then generate."""
    args = parse_args(argv)
    existing = [name for name in (*OUTPUT_FILES, GENERATION_FILE) if (args.out / name).exists()]
    if existing and not args.force:
        print(f"error: {args.out} already has {', '.join(existing)}; use --force to overwrite", file=sys.stderr)
        return 2
    generate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
