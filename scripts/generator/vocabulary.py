"""Words for synthesised product names (ours, not from the release)."""

# The tables below are laid out by hand.
# fmt: off
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
