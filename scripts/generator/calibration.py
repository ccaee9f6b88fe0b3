"""What the generated data is calibrated to: the release's published shape and fitted constants.

Published counts come from the release's published shape (instacart-stats README and
its CSVs), copied here so nothing outside the project is read at run time. Fitted
constants were tuned on generated output to reproduce those counts; assumptions (not
published anywhere) say so.
"""

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

# The tables below are laid out by hand (published counts, one aisle a line).
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

# Calendar (dated output): when customers arrive and how often they order.
# Arrivals per day grow over the period by this factor (a growing business), so the
# latest weeks see the most new customers.
ARRIVAL_GROWTH = 2.0
# Habitual days between orders and the share of customers with each (assumption,
# tuned so that the full-scale run has the release's number of orders).
RHYTHM_DAYS = (3, 4, 5, 7, 10, 14, 21, 28, 40, 60)
RHYTHM_SHARES = (0.03, 0.04, 0.05, 0.30, 0.08, 0.17, 0.09, 0.11, 0.07, 0.06)
# Chance that a gap is exactly the habitual interval; otherwise it is the interval
# times a lognormal factor with this spread.
RHYTHM_HABIT, RHYTHM_SPREAD = 0.5, 0.35
# Chance that a gap gets a lapse added: LAPSE_MIN_DAYS plus an exponential with mean
# LAPSE_MEAN_DAYS (the customer comes back after a month or more).
LAPSE_CHANCE, LAPSE_MIN_DAYS, LAPSE_MEAN_DAYS = 0.03, 30, 60.0
# Chance of leaving for good: after the first order, then after each later order a
# per-customer chance, lognormal around CHURN_MEDIAN with spread CHURN_SPREAD.
FIRST_ORDER_CHURN = 0.2
CHURN_MEDIAN, CHURN_SPREAD = 0.025, 0.6
# Customers whose interval is whole weeks keep their habitual weekday on this share of
# orders; the others draw every order's weekday afresh.
WEEKDAY_HABIT = 0.6

# Aisles: (department, aisle, prior order lines) from prior_items_by_aisle_full.csv,
# plus nouns used to synthesise product names (ours, not from the release).
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
# fmt: on
