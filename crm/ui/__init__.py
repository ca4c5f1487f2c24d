"""The Qt user interface: pages, item models, dialogs. It calls services and holds no rules."""
