"""Photos of bills: check them cheaply, and turn them into a one-page PDF.

Providers accept PDF attachments, so a JPEG or PNG photo (a phone picture of a paper bill)
is placed on one Letter page with reportlab. The picture's size is read from its header
*before* anything is decoded, so a "decompression bomb" (a small file that claims to be
a gigantic picture) is refused at once instead of filling the memory.
"""
from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

# 80 megapixels: above the largest phone cameras (50 MP) with room to spare; a photo of a
# bill never needs more. Bigger claims are refused without decoding.
MAX_PIXELS = 80_000_000
# Longest side of the picture placed in the PDF: sharp at 250 dpi on a Letter page, and the
# file stays well under the attachment size limit.
MAX_SIDE = 2600

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ImageProblem(ValueError):
    """A picture that cannot be used; ``code`` is the finding code, the message is plain."""

    def __init__(self, code: str, message: str, fix: str = ""):
        super().__init__(message)
        self.code = code
        self.fix = fix


def sniff_image(head: bytes) -> str | None:
    """``"jpeg"``, ``"png"`` or None from a file's first bytes."""
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(PNG_MAGIC):
        return "png"
    return None


@dataclass(frozen=True)
class ImageInfo:
    format: str  # "jpeg" | "png"
    width: int
    height: int


def check_image(path: Path, *, max_pixels: int = MAX_PIXELS, decode: bool = True) -> ImageInfo:
    """Read the header (and, with ``decode``, the whole picture) of a JPEG/PNG; raises
    :class:`ImageProblem` for a picture that is too large or damaged."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(path)
        with img:
            fmt = (img.format or "").lower()
            width, height = img.size
            if fmt not in ("jpeg", "png"):
                raise ImageProblem("documents.not_pdf",
                                   f"This picture is a {fmt.upper() or 'kind'} file; portwizard "
                                   "takes PDF, JPEG or PNG.", "Save it as JPEG or PDF and attach it again.")
            if width * height > max_pixels:
                raise ImageProblem(
                    "documents.image_too_large",
                    f"The picture says it is {width:,} x {height:,} pixels "
                    f"({width * height / 1e6:,.0f} megapixels), far more than a photo of a bill "
                    "needs; it was not opened.",
                    "Take the photo again with the phone's normal camera, or scan the bill to PDF.")
            if decode:
                if fmt == "jpeg":
                    img.draft("RGB", (MAX_SIDE, MAX_SIDE))
                img.load()
            return ImageInfo(fmt, width, height)
    except ImageProblem:
        raise
    except Image.DecompressionBombError as exc:  # Pillow refused it in open(): even bigger
        m = re.search(r"\((\d+) pixels\)", str(exc))
        size = f" ({int(m[1]) / 1e6:,.0f} megapixels)" if m else ""
        raise ImageProblem("documents.image_too_large",
                           f"The picture says it is gigantic{size}, far more than a photo of a "
                           "bill needs; it was not opened.",
                           "Take the photo again with the phone's normal camera, or scan the "
                           "bill to PDF.") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ImageProblem("documents.damaged",
                           "The picture is damaged or incomplete and cannot be read.",
                           "Take the photo again or export it again as JPEG.") from None


def image_to_pdf(image_path, out_path) -> Path:
    """Place a JPEG/PNG photo on one Letter page (upright, scaled to fit, white margins)
    and write it to ``out_path``. Raises :class:`ImageProblem` for an unusable picture."""
    from PIL import Image, ImageOps
    from reportlab.lib.pagesizes import LETTER, landscape
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image_path, out_path = Path(image_path), Path(out_path)
    check_image(image_path, decode=False)
    try:
        with Image.open(image_path) as img:
            if img.format == "JPEG":
                img.draft("RGB", (MAX_SIDE, MAX_SIDE))
            img = ImageOps.exif_transpose(img)  # phone photos are stored sideways
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            if img.mode in ("RGBA", "LA", "P"):
                rgba = img.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
                img = flat
            elif img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=85)
            size = img.size
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageProblem("documents.damaged",
                           "The picture is damaged or incomplete and cannot be read.",
                           "Take the photo again or export it again as JPEG.") from None
    w, h = size
    page = landscape(LETTER) if w > h else LETTER
    margin = 0.4 * inch
    scale = min((page[0] - 2 * margin) / w, (page[1] - 2 * margin) / h)
    dw, dh = w * scale, h * scale
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page)
    canvas.setTitle(f"Photo: {image_path.name}")
    canvas.setCreator("portwizard")
    canvas.drawImage(ImageReader(io.BytesIO(buf.getvalue())), (page[0] - dw) / 2,
                     (page[1] - dh) / 2, width=dw, height=dh)
    canvas.showPage()
    canvas.save()
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.write_bytes(out.getvalue())
    tmp.replace(out_path)
    return out_path
