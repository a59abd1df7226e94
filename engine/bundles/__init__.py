"""App bundles: a folder (or zip) with app.json, forms/, seed/ that imports and exports losslessly."""
