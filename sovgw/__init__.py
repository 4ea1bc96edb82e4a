"""The `sovgw` command: the one place that composes the gateway, the trail, the simulator and the demo."""
