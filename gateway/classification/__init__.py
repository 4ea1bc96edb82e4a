"""Personal-data classification of the texts a request carries."""
