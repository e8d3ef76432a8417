# Reader comments (issue 4): comments and the moderators' blocklist.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0002_authoring'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CommentBlocklistEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('word', 'Word or phrase'), ('email_domain', 'Email domain'), ('ip', 'IP address or network')], max_length=20)),
                ('value', models.CharField(help_text='A word or phrase (matched as whole words, any case); a domain such as example.com (its subdomains too); or an address or network such as 203.0.113.7 or 203.0.113.0/24.', max_length=200)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'comment blocklist entry',
                'verbose_name_plural': 'comment blocklist',
                'ordering': ['kind', 'value'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'value'), name='comment_blocklist_unique')],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('depth', models.PositiveSmallIntegerField(default=1, editable=False, help_text='1 for a top-level comment.')),
                ('name', models.CharField(max_length=100)),
                ('email', models.EmailField(blank=True, help_text='Never shown publicly.', max_length=254)),
                ('website', models.URLField(blank=True, max_length=300)),
                ('body', models.TextField()),
                ('body_html', models.TextField(blank=True, editable=False)),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('removed', 'Removed')], default='pending', max_length=10)),
                ('moderation_reason', models.CharField(blank=True, max_length=200)),
                ('notify_replies', models.BooleanField(default=False, verbose_name='email me replies')),
                ('replies_notified', models.BooleanField(default=False, editable=False, help_text="Whether the parent comment's author was emailed about this reply.")),
                ('ip_network', models.GenericIPAddressField(blank=True, help_text="The poster's address truncated to its /24 (IPv4) or /48 (IPv6).", null=True, verbose_name='IP network')),
                ('content_hash', models.CharField(editable=False, max_length=64)),
                ('form_issued_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('edited_at', models.DateTimeField(blank=True, null=True)),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='blog.comment')),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='blog.post')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='comments', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['post', 'status', 'created_at'], name='comment_thread_idx'), models.Index(fields=['status', '-created_at'], name='comment_status_idx'), models.Index(fields=['ip_network', 'created_at'], name='comment_ip_recent_idx'), models.Index(fields=['email', 'created_at'], name='comment_email_recent_idx')],
                'constraints': [models.UniqueConstraint(fields=('content_hash', 'form_issued_at'), name='comment_no_double_submit')],
            },
        ),
    ]
