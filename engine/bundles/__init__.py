"""App bundles: a folder or zip (app.json, forms/, seed/) that imports and exports losslessly."""
