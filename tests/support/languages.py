"""The 26 languages the classifier speaks: the 24 official EU languages plus Norwegian and Icelandic."""

ALL_LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]
