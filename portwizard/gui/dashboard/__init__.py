"""The main window, where the user lives while the numbers move: the orders list
(``models``), what happens in the background (``controller``: refresh, notifications,
wizard sessions), one order's detail (``detail``), the settings dialog
(``settings_dialog``) and the window that puts them together (``window``)."""
