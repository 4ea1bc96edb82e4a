"""Tests of the node simulator: TGI's protocol byte for byte, its failures and its clients."""
