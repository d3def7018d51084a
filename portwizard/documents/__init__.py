"""Documents: the Letter of Authorization we print, and the attachments we inspect.

- :mod:`portwizard.documents.loa` renders the LOA (reportlab, imported lazily).
- :mod:`portwizard.documents.inspect` checks an attached PDF or photo and cross-checks its
  text against the order (pypdf runs in a separate, time-bounded process).
- :mod:`portwizard.documents.images` turns a photo of a bill into a one-page PDF.
- :mod:`portwizard.documents.text` is the pure text matching both use (numbers, names,
  account numbers, addresses and dates in the many ways bills print them).
- :mod:`portwizard.documents.fonts` names the font files the PDFs embed (PyInstaller needs
  them too).

Importing this package is cheap: reportlab, pypdf and Pillow load only when used.
"""
