"""For bench/lighthouse.sh: the production WSGI application, with uploaded media served (with a day's caching) the
way the reverse proxy in front of a real deployment would."""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

application = WhiteNoise(site, root=str(settings.MEDIA_ROOT), prefix="media/", max_age=24 * 60 * 60)
