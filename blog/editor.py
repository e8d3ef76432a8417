"""The admin editor's endpoints (django-markdownx preview and image upload), made safe.

As shipped, markdownx's endpoints need no login, accept SVG and 50 MB files, and do not sanitise. Here both
answer only staff who may change posts, the preview runs through the site's own sanitising pipeline, and uploads
must decode as JPEG, PNG, WebP or GIF, are size-capped, re-encoded (dropping metadata such as GPS) and stored
under a random name.
"""

import io
import secrets
import warnings

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, ImageSequence, UnidentifiedImageError

from blog.markdown import render_markdown

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 40_000_000  # summed over every frame of an animation
MAX_FRAMES = 300


def staff_who_may_change_posts(view):
    view = permission_required("blog.change_post", raise_exception=True)(view)
    return login_required(view, login_url="admin:login")


class ImageUploadForm(forms.Form):
    image = forms.FileField()

    NOT_AN_IMAGE = "This file is not an image we accept. Upload a JPEG, PNG, WebP or GIF."
    TOO_BIG = "This image has too many pixels or frames; please make it smaller first."

    def clean_image(self):
        """Decode, check and re-encode here, so that every way an image can fail is a message, not a crash.

        The pixel budget counts every frame of an animation, and any frame that would grow the canvas beyond its
        declared size is refused: both are ways a few bytes can ask for gigabytes of memory.
        """
        upload = self.cleaned_data["image"]
        limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
        if upload.size > limit:
            raise forms.ValidationError(f"This file is {filesizeformat(upload.size)}; images may be at most {filesizeformat(limit)}.")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(upload) as probe:
                    image_format = probe.format
                    frames = getattr(probe, "n_frames", 1)
                    if frames > MAX_FRAMES or probe.width * probe.height * frames > MAX_PIXELS:
                        raise forms.ValidationError(self.TOO_BIG)
                    probe.verify()
                if image_format not in ACCEPTED_FORMATS:
                    raise forms.ValidationError("Only JPEG, PNG, WebP and GIF images are accepted.")
                upload.seek(0)
                with Image.open(upload) as image:
                    return image_format, reencode(image, image_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, CanvasGrew):
            raise forms.ValidationError(self.TOO_BIG) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise forms.ValidationError(self.NOT_AN_IMAGE) from None

    def save(self):
        """Store the re-encoded image under uploads/YYYY/MM/<random>.<ext> and return its URL."""
        image_format, data = self.cleaned_data["image"]
        name = f"uploads/{timezone.now():%Y/%m}/{secrets.token_urlsafe(12)}.{ACCEPTED_FORMATS[image_format]}"
        return default_storage.url(default_storage.save(name, ContentFile(data)))


class CanvasGrew(Exception):
    """A frame of an animation asked for a larger canvas than the image declared."""


METADATA_KEYS = ("comment", "exif", "xmp", "XML:com.adobe.xmp")


def without_metadata(image):
    for key in METADATA_KEYS:
        image.info.pop(key, None)
    return image


def reencode(image, image_format):
    """The image written anew in its own format, without metadata (EXIF, GPS, XMP, comments)."""
    buffer = io.BytesIO()
    if image_format == "GIF" and getattr(image, "is_animated", False):
        size = image.size
        frames = []
        for frame in ImageSequence.Iterator(image):
            if frame.size != size:
                raise CanvasGrew
            frames.append(without_metadata(frame.copy()))
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], loop=image.info.get("loop", 0))
        return buffer.getvalue()
    image.load()
    without_metadata(image)
    if image_format == "JPEG":
        image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=88, optimize=True)
    else:
        image.save(buffer, format=image_format)
    return buffer.getvalue()


@require_POST
@staff_who_may_change_posts
def markdown_preview(request):
    return HttpResponse(render_markdown(request.POST.get("content", "")))


@require_POST
@staff_who_may_change_posts
def image_upload(request):
    form = ImageUploadForm(files=request.FILES)
    if not form.is_valid():
        message = " ".join(form.errors.get("image", ["Choose an image to upload."]))
        return JsonResponse({"image": [message], "error": message}, status=400)
    return JsonResponse({"image_code": f"![Describe this image]({form.save()})"})
