"""The admin editor's endpoints (django-markdownx preview and image upload), made safe.

As shipped, markdownx's endpoints need no login, accept SVG and 50 MB files, and do not sanitise. Here both
answer only staff who may change posts, the preview runs through the site's own sanitising pipeline, and uploads
must decode as JPEG, PNG, WebP or GIF, are size-capped, re-encoded (dropping metadata such as GPS) and stored
under a random name.
"""

import io
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from blog.markdown import render_markdown

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 40_000_000


def staff_who_may_change_posts(view):
    view = permission_required("blog.change_post", raise_exception=True)(view)
    return login_required(view, login_url="admin:login")


class ImageUploadForm(forms.Form):
    image = forms.FileField()

    def clean_image(self):
        upload = self.cleaned_data["image"]
        limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
        if upload.size > limit:
            raise forms.ValidationError(f"This file is {filesizeformat(upload.size)}; images may be at most {filesizeformat(limit)}.")
        try:
            with Image.open(upload) as probe:
                image_format = probe.format
                if probe.width * probe.height > MAX_PIXELS:
                    raise forms.ValidationError("This image has too many pixels; please resize it first.")
                probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise forms.ValidationError("This file is not an image we accept. Upload a JPEG, PNG, WebP or GIF.") from None
        if image_format not in ACCEPTED_FORMATS:
            raise forms.ValidationError("Only JPEG, PNG, WebP and GIF images are accepted.")
        return image

    def save(self):
        """Re-encode the image without its metadata and store it under uploads/YYYY/MM/<random>.<ext>."""
        image = self.cleaned_data["image"]
        image_format = image.format
        buffer = io.BytesIO()
        save_kwargs = {}
        if image_format == "GIF" and getattr(image, "is_animated", False):
            save_kwargs = {"save_all": True}
        elif image_format == "JPEG":
            image = image.convert("RGB")
            save_kwargs = {"quality": 88, "optimize": True}
        image.info.pop("exif", None)
        image.save(buffer, format=image_format, **save_kwargs)
        name = f"uploads/{timezone.now():%Y/%m}/{secrets.token_urlsafe(12)}.{ACCEPTED_FORMATS[image_format]}"
        return default_storage.url(default_storage.save(name, ContentFile(buffer.getvalue())))


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
