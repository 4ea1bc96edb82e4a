"""Protocol adapters: parse a client's request into an ``InferenceRequest``, and shape answers back."""
