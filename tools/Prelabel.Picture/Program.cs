return Prelabel.Picture.PictureCommand.Run(args, Console.Out, Console.Error);
